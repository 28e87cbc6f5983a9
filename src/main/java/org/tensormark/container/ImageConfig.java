package org.tensormark.container;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run-time settings of the TensorMark image, as an OCI image config.
 *
 * @param repository the image's name without tag, e.g. {@code docker.io/tensormark/tensormark}
 * @param tag its tag
 * @param user the default user: the unprivileged {@code tensormark}; a worker's pod runs it as root
 *     so that {@code bin/tensormark} can keep the sandbox launcher and drop the worker's JVM
 * @param environment variables, {@code NAME=value}
 * @param entrypoint the program
 * @param command its default arguments
 */
record ImageConfig(String repository, String tag, String user, List<String> environment, List<String> entrypoint,
        List<String> command) {

    /** The image as the README, the compose file and the Kubernetes manifests name it. */
    static ImageConfig tensormark(String repository, String tag) {
        return new ImageConfig(repository, tag, BaseLayer.USER_ID + ":" + BaseLayer.USER_ID,
                List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                        // built into the image: bin/tensormark neither installs OS packages nor builds
                        "TENSORMARK_PREBUILT=1",
                        "TENSORMARK_DATA_DIR=/var/lib/tensormark",
                        // grading images come from a volume (README, "Running on Kubernetes")
                        "TENSORMARK_IMAGES=/var/lib/tensormark/images"),
                List.of("/opt/tensormark/bin/tensormark"), List.of("serve"));
    }

    String reference() {
        return repository + ":" + tag;
    }

    Map<String, Object> toJson(List<String> diffIds) {
        Map<String, Object> runtime = new LinkedHashMap<>();
        runtime.put("User", user);
        runtime.put("Env", environment);
        runtime.put("Entrypoint", entrypoint);
        runtime.put("Cmd", command);
        runtime.put("WorkingDir", "/opt/tensormark");
        runtime.put("ExposedPorts", Map.of("8080/tcp", Map.of()));
        runtime.put("StopSignal", "SIGTERM");
        runtime.put("Labels", Map.of("org.opencontainers.image.title", "TensorMark",
                "org.opencontainers.image.description", "TensorMark server and grading worker (args: serve | worker)"));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("created", "2025-01-01T00:00:00Z");
        config.put("architecture", "amd64");
        config.put("os", "linux");
        config.put("config", runtime);
        config.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
        config.put("history", List.of(
                Map.of("created", "2025-01-01T00:00:00Z", "created_by", "mmdebstrap " + BaseLayer.key()),
                Map.of("created", "2025-01-01T00:00:00Z", "created_by", "tensormark container-image build")));
        return config;
    }
}
