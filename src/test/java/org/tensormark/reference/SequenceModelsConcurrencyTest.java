package org.tensormark.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

class SequenceModelsConcurrencyTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 3;

    @Test
    void eightThreadsGetTheSingleThreadedResultsIncludingAutograd() throws Exception {
        Map<String, Map<String, Tensor>> cases = new LinkedHashMap<>();
        cases.put("lstm", lstm());
        cases.put("gru", withInput("gru", hyper("input_size", 3, "hidden_size", 4), "input", 6, 2, 3));
        cases.put("multihead_attention", attention());
        cases.put("vae", vae());
        cases.put("gan_step", gan());
        Map<String, Map<String, Tensor>> expected = new HashMap<>();
        cases.forEach((name, in) -> expected.put(name, model(name).compute(in)));

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Map<String, Map<String, Tensor>>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t;
                Callable<Map<String, Map<String, Tensor>>> work = () -> {
                    List<String> names = new ArrayList<>(cases.keySet());
                    Map<String, Map<String, Tensor>> got = new HashMap<>();
                    for (int i = 0; i < ROUNDS * names.size(); i++) {
                        String name = names.get((i + offset) % names.size());
                        got.put(name, model(name).compute(cases.get(name)));
                        assertEquals(expected.get(name), got.get(name), name + " on thread " + offset);
                    }
                    return got;
                };
                futures.add(pool.submit(work));
            }
            for (Future<Map<String, Map<String, Tensor>>> f : futures) {
                assertEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static ReferenceModel model(String name) {
        return ReferenceModels.byName(name).orElseThrow();
    }

    private static Map<String, Tensor> lstm() {
        Map<String, Tensor> hp = hyper("input_size", 3, "hidden_size", 5, "num_layers", 2, "bidirectional", 1);
        return withInput("lstm", hp, "input", 7, 2, 3);
    }

    private static Map<String, Tensor> attention() {
        Map<String, Tensor> in = withInput("multihead_attention", hyper("embed_dim", 6, "num_heads", 2), "query", 4, 2, 6);
        in.put("key", random(2, 5, 2, 6));
        in.put("value", random(3, 5, 2, 6));
        return in;
    }

    private static Map<String, Tensor> vae() {
        Map<String, Tensor> in = withInput("vae", hyper("input_size", 6, "hidden_size", 4, "latent_size", 2), "input", 3, 6);
        in.put("eps", random(4, 3, 2));
        return in;
    }

    private static Map<String, Tensor> gan() {
        Map<String, Tensor> in = withInput("gan_step", hyper("latent_size", 3, "hidden_size", 5, "data_size", 2), "real", 4, 2);
        in.put("noise", random(5, 4, 3));
        in.put("lr", Tensor.scalar(DType.FLOAT64, 0.01));
        in.put("adam", Tensor.scalar(DType.BOOL, 1));
        return in;
    }

    /** Parameters from initialise, the hyper-parameters themselves, and one random float32 input. */
    private static Map<String, Tensor> withInput(String name, Map<String, Tensor> hp, String input, long... shape) {
        Map<String, Tensor> in = new HashMap<>(model(name).initialise(7, hp));
        in.putAll(hp);
        in.put(input, random(1, shape));
        return in;
    }

    private static Map<String, Tensor> hyper(Object... pairs) {
        Map<String, Tensor> hp = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            hp.put((String) pairs[i], Tensor.scalar(DType.INT64, (Integer) pairs[i + 1]));
        }
        return hp;
    }

    static Tensor random(long seed, long... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        double[] v = new double[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextDouble();
        }
        return new Tensor(DType.FLOAT32, shape, v);
    }
}
