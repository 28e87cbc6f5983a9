package org.tensormark.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import org.tensormark.image.ImageStore;

/**
 * How this host runs sandboxes.
 *
 * @param bwrap the bubblewrap binary
 * @param python the Python interpreter of a job on the host's own system (an image names its own)
 * @param uid the unprivileged host uid and gid the job runs as (never 0)
 * @param cgroupFs where the cgroup file systems are mounted
 * @param isolationRequired when true (production) a host without cgroups, mounts or root fails
 *     every job as a platform failure; false is the development setting "no cgroup" that runs
 *     with bubblewrap, rlimits and in-sandbox tmpfs only
 * @param images where the grading images are
 * @param hostSystemAllowed whether the image name "host" may run a job on the host's own system
 *     folders (development and benchmarks only; grading always names an image)
 */
public record SandboxSettings(Path bwrap, Path python, int uid, Path cgroupFs, boolean isolationRequired,
        ImageStore images, boolean hostSystemAllowed) {

    public SandboxSettings {
        if (uid <= 0) {
            throw new IllegalArgumentException("sandbox uid must be an unprivileged uid, was " + uid);
        }
    }

    /** These settings with this host's image store ({@link ImageStore#local()}) and no host system. */
    public SandboxSettings(Path bwrap, Path python, int uid, Path cgroupFs, boolean isolationRequired) {
        this(bwrap, python, uid, cgroupFs, isolationRequired, ImageStore.local(), false);
    }

    /** /usr/bin/bwrap, /usr/bin/python3, uid 65534 (nobody), /sys/fs/cgroup, isolation required, this host's images. */
    public static SandboxSettings defaults() {
        return new SandboxSettings(Path.of("/usr/bin/bwrap"), Path.of("/usr/bin/python3"), 65534,
                Path.of("/sys/fs/cgroup"), true);
    }

    /** These settings, letting the image name "host" run on the host's system folders. */
    public SandboxSettings withHostSystem() {
        return new SandboxSettings(bwrap, python, uid, cgroupFs, isolationRequired, images, true);
    }

    /**
     * The root filesystem an image name stands for.
     *
     * @throws MissingImage when no such image is installed (or "host" is not allowed)
     */
    SystemRoot root(String image) throws IOException, MissingImage {
        if (SystemRoot.HOST_NAME.equals(image) && hostSystemAllowed) {
            return SystemRoot.HOST;
        }
        ImageStore.InstalledImage installed = images.find(image).orElseThrow(() -> new MissingImage(image, images));
        return new SystemRoot(image, installed.manifest().digest(), installed.root(), installed.manifest().environment(),
                installed.manifest().interpreter());
    }

    /** A job names an image this host does not have. */
    static final class MissingImage extends Exception {
        MissingImage(String image, ImageStore images) {
            super("the grading image '" + image + "' is not installed in " + images.dir() + " (tensormark image build "
                    + image + ", or image import)");
        }
    }
}
