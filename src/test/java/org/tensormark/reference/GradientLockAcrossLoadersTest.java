package org.tensormark.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * In tests and dev mode {@link ReferenceRuntime} is loaded once per class loader (a Quarkus app's
 * and the plain tests') while DJL, with its one JVM-wide gradient collector, is loaded once: two
 * copies of the runtime must still take turns.
 */
class GradientLockAcrossLoadersTest {

    @Test
    void twoCopiesOfTheRuntimeInTwoClassLoadersTakeTurnsWithTheOneGradientCollector() throws Exception {
        Class<?> first = new OwnCopyLoader(getClass().getClassLoader()).loadClass(ReferenceRuntime.class.getName());
        Class<?> second = new OwnCopyLoader(getClass().getClassLoader()).loadClass(ReferenceRuntime.class.getName());
        assertNotSame(first, second);

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch collecting = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<Object> holder = threads.submit(() -> withGradients(first, collector -> {
                collecting.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "first";
            }));
            collecting.await();
            Future<Object> waiter = threads.submit(() -> withGradients(second, collector -> "second"));
            Thread.sleep(300);
            assertFalse(waiter.isDone(), "the second copy waits while the first collects");
            release.countDown();
            assertEquals("first", holder.get(30, TimeUnit.SECONDS));
            assertEquals("second", waiter.get(30, TimeUnit.SECONDS));
        } finally {
            threads.shutdownNow();
        }
    }

    private static Object withGradients(Class<?> runtime, Function<GradientCollector, Object> body) throws Exception {
        return runtime.getMethod("withGradients", Function.class).invoke(null, body);
    }

    /** Defines its own copy of ReferenceRuntime; everything else (DJL included) comes from the parent. */
    private static final class OwnCopyLoader extends ClassLoader {

        OwnCopyLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(ReferenceRuntime.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }
    }
}
