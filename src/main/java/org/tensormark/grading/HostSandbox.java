package org.tensormark.grading;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tensormark.sandbox.SandboxRunner;

/** The one sandbox runner of this process, for every bean that runs jobs ({@link SandboxRunner#forHost}). */
final class HostSandbox {

    private HostSandbox() {
    }

    /** @param launcherSocket the privileged sandbox launcher's socket; without it sandboxes start in this process */
    @Produces
    @Singleton
    static SandboxRunner runner(@ConfigProperty(name = "tensormark.sandbox.launcher-socket") Optional<String> launcherSocket) {
        return SandboxRunner.forHost(launcherSocket.map(Path::of));
    }
}
