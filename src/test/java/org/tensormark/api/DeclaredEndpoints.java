package org.tensormark.api;

import jakarta.ws.rs.HttpMethod;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The HTTP endpoints the application declares, read by reflection from every JAX-RS resource
 * class under a package: one {@code "METHOD /path/{template}"} per resource method, so that a
 * new endpoint is known without anyone listing it.
 */
final class DeclaredEndpoints {

    private DeclaredEndpoints() {
    }

    static SortedSet<String> under(String packageName) {
        SortedSet<String> endpoints = new TreeSet<>();
        for (Class<?> resource : resourceClasses(packageName)) {
            String base = resource.getAnnotation(jakarta.ws.rs.Path.class).value();
            for (Method m : resource.getDeclaredMethods()) {
                String verb = httpMethod(m);
                jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
                if (verb == null && sub != null) {
                    throw new IllegalStateException(resource.getName() + "." + m.getName() + " is a sub-resource"
                            + " locator; this list cannot see the endpoints behind it");
                }
                if (verb != null) {
                    endpoints.add(verb + " " + join(base, sub == null ? "" : sub.value()));
                }
            }
        }
        return endpoints;
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    static String join(String base, String sub) {
        List<String> parts = new ArrayList<>();
        for (String part : (base + "/" + sub).split("/")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    private static List<Class<?>> resourceClasses(String packageName) {
        String folder = packageName.replace('.', '/');
        ClassLoader loader = DeclaredEndpoints.class.getClassLoader();
        List<Class<?>> resources = new ArrayList<>();
        try {
            for (URL root : Collections.list(loader.getResources(folder))) {
                if (!"file".equals(root.getProtocol())) {
                    throw new IllegalStateException("cannot list classes in " + root + "; run from class folders");
                }
                Path dir = Path.of(root.toURI());
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                        String relative = dir.relativize(file).toString().replace(File.separatorChar, '/');
                        String name = packageName + "." + relative.substring(0, relative.length() - 6).replace('/', '.');
                        Class<?> c = Class.forName(name, false, loader);
                        if (c.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                            resources.add(c);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return resources;
    }
}
