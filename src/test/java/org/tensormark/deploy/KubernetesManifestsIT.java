package org.tensormark.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests as a cluster would receive them: the base is exactly what Quarkus
 * generated in this build, every overlay renders with {@code kubectl kustomize} (offline), and each
 * rendered object reads into the Kubernetes API's model classes with no field those classes do
 * not know (a typo such as {@code readinesProbe} would otherwise be silently dropped by the API
 * server). Runs after {@code package}, which writes target/kubernetes.
 */
class KubernetesManifestsIT {

    private static final Path K8S = Path.of("deploy/k8s");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    @Test
    void theBaseIsWhatQuarkusGeneratesFromTheApplicationsSettings() throws IOException {
        // Compared as YAML, not as text: the generator does not keep the order of labels from one build to the next.
        assertEquals(documents(Path.of("target/kubernetes/kubernetes.yml")), documents(K8S.resolve("base/tensormark.yml")),
                "deploy/k8s/base/tensormark.yml has drifted from application.properties; run bin/k8s-base and commit the result");
    }

    @Test
    void theCpuOverlayHasAProbedServerAScaledWorkerPoolAndADisruptionBudget() throws Exception {
        List<JsonNode> objects = render("overlays/cpu");
        Deployment server = typed(one(objects, "Deployment", "tensormark"), Deployment.class);
        Container serve = server.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("/q/health/ready", serve.getReadinessProbe().getHttpGet().getPath());
        assertEquals("/q/health/live", serve.getLivenessProbe().getHttpGet().getPath());
        assertEquals(List.of("serve"), serve.getArgs());
        assertEquals("tensormark-db", serve.getEnvFrom().get(0).getSecretRef().getName());
        assertTrue(server.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot());
        assertEquals("registry.example.edu/tensormark/tensormark:latest", serve.getImage());

        Deployment workers = typed(one(objects, "Deployment", "tensormark-worker-cpu"), Deployment.class);
        Container worker = workers.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(List.of("worker"), worker.getArgs());
        assertEquals(serve.getImage(), worker.getImage(), "server and workers run one image");
        assertEquals(new Quantity("2"), worker.getResources().getRequests().get("cpu"));
        assertEquals("Unconfined", worker.getSecurityContext().getSeccompProfile().getType());
        assertEquals(120L, workers.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds());
        assertEquals("tensormark-blobs", blobsClaim(server));
        assertTrue(workers.getSpec().getTemplate().getSpec().getVolumes().stream()
                .noneMatch(v -> v.getPersistentVolumeClaim() != null && v.getPersistentVolumeClaim().getClaimName().equals("tensormark-blobs")),
                "workers share no volume with the server for hand-in files");
        assertEquals("http://tensormark", worker.getEnv().stream().filter(e -> e.getName().equals("TENSORMARK_WORKER_SERVER_URL"))
                .findFirst().orElseThrow().getValue(), "workers get hand-in files from the server's Service");
        one(objects, "PersistentVolumeClaim", "tensormark-blobs");

        typed(one(objects, "Service", "tensormark"), Service.class);
        PodDisruptionBudget pdb = typed(one(objects, "PodDisruptionBudget", "tensormark-worker"), PodDisruptionBudget.class);
        assertEquals("tensormark-worker", pdb.getSpec().getSelector().getMatchLabels().get("app.kubernetes.io/name"));

        JsonNode scaler = one(objects, "ScaledObject", "tensormark-worker-cpu");
        assertEquals("tensormark-worker-cpu", scaler.at("/spec/scaleTargetRef/name").asText());
        assertEquals("postgresql", scaler.at("/spec/triggers/0/type").asText());
        assertTrue(scaler.at("/spec/triggers/0/metadata/query").asText().contains("from worker_demand where device = 'cpu'"));
        assertEquals("tensormark-queue", scaler.at("/spec/triggers/0/authenticationRef/name").asText());
        assertEquals("KEDA_POSTGRES_CONNECTION",
                one(objects, "TriggerAuthentication", "tensormark-queue").at("/spec/secretTargetRef/0/key").asText());
    }

    @Test
    void theGpuOverlayAddsAPoolOfOneGpuPodsThatScalesFromZero() throws Exception {
        List<JsonNode> objects = render("overlays/gpu");
        Deployment gpu = typed(one(objects, "Deployment", "tensormark-worker-gpu"), Deployment.class);
        var pod = gpu.getSpec().getTemplate().getSpec();
        Container worker = pod.getContainers().get(0);
        assertEquals(new Quantity("1"), worker.getResources().getRequests().get("nvidia.com/gpu"));
        assertEquals(new Quantity("1"), worker.getResources().getLimits().get("nvidia.com/gpu"));
        assertEquals("true", pod.getNodeSelector().get("nvidia.com/gpu.present"));
        assertEquals("nvidia.com/gpu", pod.getTolerations().get(0).getKey());
        JsonNode scaler = one(objects, "ScaledObject", "tensormark-worker-gpu");
        assertEquals(0, scaler.at("/spec/minReplicaCount").asInt());
        assertTrue(scaler.at("/spec/triggers/0/metadata/query").asText().contains("where device = 'cuda'"));
        one(objects, "Deployment", "tensormark-worker-cpu");
        one(objects, "Deployment", "tensormark");
    }

    private static String blobsClaim(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getVolumes().stream().filter(v -> v.getName().equals("blobs"))
                .findFirst().orElseThrow().getPersistentVolumeClaim().getClaimName();
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    private static List<JsonNode> render(String overlay) throws Exception {
        Process p = new ProcessBuilder("kubectl", "kustomize", K8S.resolve(overlay).toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "kubectl kustomize " + overlay + " failed");
        return parse(new String(out, StandardCharsets.UTF_8));
    }

    private static List<JsonNode> parse(String yaml) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(n -> {
                if (n != null && !n.isMissingNode() && !n.isEmpty()) {
                    objects.add(n);
                }
            });
        }
        return objects;
    }

    private static JsonNode one(List<JsonNode> objects, String kind, String name) {
        List<JsonNode> found = objects.stream()
                .filter(o -> kind.equals(o.path("kind").asText()) && name.equals(o.at("/metadata/name").asText())).toList();
        assertEquals(1, found.size(), "rendered manifests hold one " + kind + " " + name);
        return found.get(0);
    }

    /** Reads an object into its model class and fails on any field the class does not know. */
    private static <T extends KubernetesResource> T typed(JsonNode node, Class<T> type) throws Exception {
        T object = YAML.treeToValue(node, type);
        List<String> unknown = new ArrayList<>();
        collectUnknown(object, type.getSimpleName(), unknown, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        assertEquals(List.of(), unknown, "fields the Kubernetes API does not know");
        return object;
    }

    /** The model classes keep fields they do not know in additionalProperties instead of failing. */
    private static void collectUnknown(Object o, String path, List<String> unknown, Set<Object> seen) throws Exception {
        if (o == null || !seen.add(o)) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                collectUnknown(e, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                collectUnknown(e.getValue(), path + "." + e.getKey(), unknown, seen);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : o.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = getter.invoke(o);
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) value).keySet().forEach(k -> unknown.add(path + "." + k));
            } else {
                collectUnknown(value, path + "." + getter.getName().substring(3), unknown, seen);
            }
        }
    }
}
