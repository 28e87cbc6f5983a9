package org.tensormark.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The host-side launcher of one job, a short bash script run as root: it joins the job's
 * cgroups, opens the seccomp program on fd 3 and the harness start marker on fd 4, then replaces
 * itself with prlimit (rlimits), setpriv (unprivileged uid, no groups, no new privileges) and
 * {@code env -i} before bubblewrap. Nothing untrusted runs before the cgroup is joined.
 */
final class LaunchScript {

    private LaunchScript() {
    }

    /**
     * @param cgroupProcs cgroup.procs files to join (empty in the development "no cgroup" mode)
     * @param dropPrivileges whether to switch to the sandbox uid (only possible as root)
     */
    static List<String> command(SandboxSettings settings, SandboxLimits limits, List<Path> cgroupProcs,
            boolean dropPrivileges, Path seccomp, Path started, List<String> bwrap) {
        StringBuilder s = new StringBuilder("set -e\n");
        for (Path procs : cgroupProcs) {
            s.append("echo $$ > ").append(quote(procs.toString())).append('\n');
        }
        s.append("exec ").append(BwrapArguments.SECCOMP_FD).append("< ").append(quote(seccomp.toString()))
                .append(' ').append(BwrapArguments.STARTED_FD).append("> ").append(quote(started.toString())).append('\n');
        long cpuSeconds = Math.max(1, (limits.cpu().toMillis() + 999) / 1000);
        s.append("exec prlimit --nofile=").append(limits.openFiles())
                .append(" --fsize=").append(limits.fileBytes())
                .append(" --core=0 --cpu=").append(cpuSeconds).append(':').append(cpuSeconds + 2)
                .append(" -- ");
        if (dropPrivileges) {
            s.append("setpriv --reuid=").append(settings.uid()).append(" --regid=").append(settings.uid())
                    .append(" --clear-groups --no-new-privs -- ");
        }
        s.append("env -i \"$@\"\n");
        List<String> command = new ArrayList<>(List.of("/bin/bash", "-c", s.toString(), "tensormark-launch"));
        command.addAll(bwrap);
        return command;
    }

    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
