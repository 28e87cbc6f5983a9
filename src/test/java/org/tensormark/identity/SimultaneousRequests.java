package org.tensormark.identity;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends requests all at once, one thread and one connection each, released together by one
 * gate, so that a rule meant to hold under concurrency meets a real race.
 */
public final class SimultaneousRequests {

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private SimultaneousRequests() {
    }

    /** The answers, in the order of the requests. */
    public static List<HttpResponse<String>> send(List<HttpRequest> requests) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService threads = Executors.newFixedThreadPool(requests.size());
        CountDownLatch ready = new CountDownLatch(requests.size());
        CountDownLatch gate = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (HttpRequest request : requests) {
                answers.add(threads.submit(() -> {
                    ready.countDown();
                    gate.await();
                    return client.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            ready.await();
            gate.countDown();
            List<HttpResponse<String>> out = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                out.add(answer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while racing requests", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("a raced request did not complete", e);
        } finally {
            threads.shutdownNow();
        }
    }

    /** How many answers had the status. */
    public static long count(List<HttpResponse<String>> answers, int status) {
        return answers.stream().filter(r -> r.statusCode() == status).count();
    }

    /** A one-line account of the statuses, for assertion messages. */
    public static String statuses(List<HttpResponse<String>> answers) {
        return answers.stream().map(r -> String.valueOf(r.statusCode())).reduce((a, b) -> a + " " + b).orElse("");
    }
}
