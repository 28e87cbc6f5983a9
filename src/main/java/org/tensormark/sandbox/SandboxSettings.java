package org.tensormark.sandbox;

import java.nio.file.Path;

/**
 * How this host runs sandboxes.
 *
 * @param bwrap the bubblewrap binary
 * @param python the Python interpreter inside the sandbox (a path under /usr)
 * @param uid the unprivileged host uid and gid the job runs as (never 0)
 * @param cgroupFs where the cgroup file systems are mounted
 * @param isolationRequired when true (production) a host without cgroups, mounts or root fails
 *     every job as a platform failure; false is the development setting "no cgroup" that runs
 *     with bubblewrap, rlimits and in-sandbox tmpfs only
 */
public record SandboxSettings(Path bwrap, Path python, int uid, Path cgroupFs, boolean isolationRequired) {

    public SandboxSettings {
        if (uid <= 0) {
            throw new IllegalArgumentException("sandbox uid must be an unprivileged uid, was " + uid);
        }
    }

    /** /usr/bin/bwrap, /usr/bin/python3, uid 65534 (nobody), /sys/fs/cgroup, isolation required. */
    public static SandboxSettings defaults() {
        return new SandboxSettings(Path.of("/usr/bin/bwrap"), Path.of("/usr/bin/python3"), 65534,
                Path.of("/sys/fs/cgroup"), true);
    }
}
