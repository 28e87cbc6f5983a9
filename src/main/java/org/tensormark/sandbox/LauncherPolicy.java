package org.tensormark.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.util.regex.Pattern;
import jdk.net.UnixDomainPrincipal;

/**
 * Who may ask the launcher for a sandbox, and which job directories it will bind into one: the
 * peer of a connection must be the client's uid, and a job must be a real directory
 * {@code job-<uuid>} directly under the client's jobs root, owned by the client, reached without
 * a symbolic link. The launcher never writes, opens or changes anything in that directory; bubblewrap
 * binds its in/ and submission/ read-only with the sandbox uid's rights only.
 */
final class LauncherPolicy {

    private static final Pattern JOB_NAME = Pattern.compile("job-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final int clientUid;
    private final UserPrincipal client;
    private final Path jobsRoot;

    /**
     * @param client the principal of {@code clientUid}, as the kernel reports it for a file the
     *     client owns
     * @param jobsRoot the client's jobs root, a real path
     */
    LauncherPolicy(int clientUid, UserPrincipal client, Path jobsRoot) {
        this.clientUid = clientUid;
        this.client = client;
        this.jobsRoot = jobsRoot;
    }

    /** Whether the process at the other end of a connection runs as the client's uid. */
    boolean admits(UnixDomainPrincipal peer) {
        return peer != null && client.equals(peer.user());
    }

    /**
     * The real path of the job directory the client named.
     *
     * @throws LaunchRefused when it is not a job directory of the client under the jobs root
     */
    Path job(Path requested) throws LaunchRefused {
        if (!requested.isAbsolute() || !requested.normalize().equals(requested)) {
            throw new LaunchRefused("job path " + requested + " is not an absolute, normalised path");
        }
        Path real;
        BasicFileAttributes attributes;
        int owner;
        try {
            attributes = Files.readAttributes(requested, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            real = requested.toRealPath();
            owner = (Integer) Files.getAttribute(real, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new LaunchRefused("job path " + requested + " cannot be read: " + e.getMessage());
        }
        if (attributes.isSymbolicLink()) {
            throw new LaunchRefused("job path " + requested + " is a symbolic link");
        }
        if (!jobsRoot.equals(real.getParent()) || !JOB_NAME.matcher(real.getFileName().toString()).matches()) {
            throw new LaunchRefused("job path " + requested + " is not a job-<uuid> directory directly under the jobs root "
                    + jobsRoot);
        }
        if (!attributes.isDirectory()) {
            throw new LaunchRefused("job path " + requested + " is not a directory");
        }
        if (owner != clientUid) {
            throw new LaunchRefused("job directory " + requested + " belongs to uid " + owner + ", not to the client uid "
                    + clientUid);
        }
        return real;
    }

    /** The harness directory to bind read-only at /harness: any absolute, normalised path. */
    static Path harness(Path requested) throws LaunchRefused {
        if (!requested.isAbsolute() || !requested.normalize().equals(requested)) {
            throw new LaunchRefused("harness path " + requested + " is not an absolute, normalised path");
        }
        return requested;
    }
}
