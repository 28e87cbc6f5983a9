package org.tensormark.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code image import} on Docker archives made here: whiteouts, opaque folders, hard links and attacks. */
class ImageImportTest {

    @TempDir
    Path dir;

    /** One tar entry to write: a folder, a file, a symbolic link, a hard link or a fifo. */
    private record Entry(String name, char type, String content) {
    }

    private static Entry folder(String name) {
        return new Entry(name, 'd', null);
    }

    private static Entry file(String name, String content) {
        return new Entry(name, 'f', content);
    }

    private Path layer(String name, boolean gzip, Entry... entries) throws IOException {
        Path layer = dir.resolve(name);
        try (OutputStream raw = Files.newOutputStream(layer);
                OutputStream out = gzip ? new GzipCompressorOutputStream(raw) : raw;
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry t;
                switch (e.type()) {
                    case 'd' -> t = new TarArchiveEntry(e.name() + "/");
                    case 'l' -> {
                        t = new TarArchiveEntry(e.name(), TarArchiveEntry.LF_SYMLINK);
                        t.setLinkName(e.content());
                    }
                    case 'h' -> {
                        t = new TarArchiveEntry(e.name(), TarArchiveEntry.LF_LINK);
                        t.setLinkName(e.content());
                    }
                    case 'p' -> t = new TarArchiveEntry(e.name(), TarArchiveEntry.LF_FIFO);
                    default -> {
                        t = new TarArchiveEntry(e.name());
                        t.setSize(e.content().getBytes(StandardCharsets.UTF_8).length);
                        t.setMode(04755);
                    }
                }
                tar.putArchiveEntry(t);
                if (e.type() == 'f') {
                    tar.write(e.content().getBytes(StandardCharsets.UTF_8));
                }
                tar.closeArchiveEntry();
            }
        }
        return layer;
    }

    /** A {@code docker save} archive of the given layers, with an Env in its config. */
    private Path archive(Path... layers) throws IOException {
        return archive("/opt/conda/bin:/usr/bin", layers);
    }

    /** As {@link #archive(Path...)}, with this PATH in the config's Env. */
    private Path archive(String path, Path... layers) throws IOException {
        Path archive = dir.resolve("image.tar");
        List<String> names = new ArrayList<>();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(archive))) {
            for (int i = 0; i < layers.length; i++) {
                names.add("\"l" + i + "/layer.tar\"");
                put(tar, "l" + i + "/layer.tar", Files.readAllBytes(layers[i]));
            }
            put(tar, "config.json", "{\"config\": {\"Env\": [\"PATH=" + path + "\", \"MPLBACKEND=Agg\","
                    + " \"LD_PRELOAD=/evil.so\"]}}");
            put(tar, "manifest.json", "[{\"Config\": \"config.json\", \"RepoTags\": [\"x:1\"], \"Layers\": ["
                    + String.join(", ", names) + "]}]");
        }
        return archive;
    }

    private static void put(TarArchiveOutputStream tar, String name, String text) throws IOException {
        put(tar, name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void put(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(bytes.length);
        tar.putArchiveEntry(e);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    @Test
    void layersApplyInOrderWithWhiteoutsOpaqueFoldersAndHardLinks() throws Exception {
        Path lower = layer("lower.tar", false, folder("etc"), file("etc/a", "A"), file("etc/b", "B"), folder("opt"),
                folder("opt/data"), file("opt/data/x", "X"), file("opt/data/y", "Y"), folder("usr"), folder("usr/lib"),
                file("usr/lib/libfoo.so", "ELF"), new Entry("usr/lib/libfoo.so.1", 'h', "usr/lib/libfoo.so"),
                new Entry("usr/lib/pipe", 'p', null), new Entry("bin", 'l', "usr/bin"));
        Path upper = layer("upper.tar.gz", true, file("etc/.wh.a", ""), file("opt/data/z", "Z"),
                file("opt/data/.wh..wh..opq", ""));
        ImageStore store = new ImageStore(dir.resolve("store"));

        ImageStore.InstalledImage image = new ImageImport(store, line -> { }).load("course-cuda", archive(lower, upper));

        Path root = image.root();
        assertFalse(Files.exists(root.resolve("etc/a")), "the whiteout removed etc/a");
        assertEquals("B", Files.readString(root.resolve("etc/b")));
        assertEquals(List.of("z"), Files.list(root.resolve("opt/data")).map(p -> p.getFileName().toString()).toList(),
                "the opaque folder keeps only the upper layer's entries");
        assertEquals(Files.getAttribute(root.resolve("usr/lib/libfoo.so"), "unix:ino"),
                Files.getAttribute(root.resolve("usr/lib/libfoo.so.1"), "unix:ino"), "a hard link stays one file");
        assertEquals(0, (Integer) Files.getAttribute(root.resolve("etc/b"), "unix:mode") & 07000, "no set-id bits");
        assertFalse(Files.exists(root.resolve("usr/lib/pipe"), LinkOption.NOFOLLOW_LINKS), "no fifo or device");
        assertEquals(Path.of("usr/bin"), Files.readSymbolicLink(root.resolve("bin")));
        assertTrue(Files.isDirectory(root.resolve("job/submission")), "the sandbox's mount points are added");
        assertTrue(Files.isDirectory(root.resolve("usr/local/nvidia/lib64")), "with the GPU driver libraries' folder");
        assertEquals("Agg", image.manifest().environment().get("MPLBACKEND"));
        assertFalse(image.manifest().environment().containsKey("LD_PRELOAD"));
        assertEquals(image.manifest(), store.find("course-cuda").orElseThrow().manifest());
    }

    @Test
    void aCondaImageRunsItsJobsWithThePython3FirstOnItsPathAndReportsTheTorchInstalledForIt() throws Exception {
        Path layer = layer("conda.tar", false, folder("usr"), folder("usr/bin"), folder("usr/lib"),
                folder("usr/lib/python3.10"), file("usr/lib/python3.10/os.py", ""), folder("usr/lib/python3"),
                folder("usr/lib/python3/dist-packages"), folder("usr/lib/python3/dist-packages/numpy"),
                file("usr/lib/python3/dist-packages/numpy/version.py", "version = '1.21.5'\n"), folder("opt"), folder("opt/conda"),
                folder("opt/conda/bin"), file("opt/conda/bin/python3.11", "ELF"),
                new Entry("opt/conda/bin/python3", 'l', "python3.11"), folder("opt/conda/lib"),
                folder("opt/conda/lib/python3.11"), file("opt/conda/lib/python3.11/os.py", ""),
                folder("opt/conda/lib/python3.11/site-packages"), folder("opt/conda/lib/python3.11/site-packages/torch"),
                file("opt/conda/lib/python3.11/site-packages/torch/version.py", "__version__ = '2.5.1+cu124'\n"),
                folder("opt/conda/lib/python3.11/site-packages/numpy"),
                file("opt/conda/lib/python3.11/site-packages/numpy/version.py", "version = '2.1.0'\n"));
        List<String> said = new ArrayList<>();

        ImageStore.InstalledImage image = new ImageImport(new ImageStore(dir.resolve("store")), said::add)
                .load("cuda-torch", archive("/usr/local/sbin:/opt/conda/bin:/usr/bin", layer));

        assertEquals("/opt/conda/bin/python3", image.manifest().interpreter(), "not Debian's /usr/bin/python3: " + said);
        assertEquals("3.11", image.manifest().python(), "the interpreter's, not the system Python 3.10 beside it");
        assertEquals("2.5.1+cu124", image.manifest().torch());
        assertEquals("2.1.0", image.manifest().numpy(), "conda's NumPy, not the system Python's 1.21.5");
        assertTrue(said.stream().noneMatch(line -> line.contains("warning")), said.toString());
    }

    @Test
    void aVirtualEnvironmentsLinksAreFollowedInsideTheImageNeverOnTheHost() throws Exception {
        Path layer = layer("venv.tar", false, folder("usr"), folder("usr/bin"), file("usr/bin/python3.12", "ELF"),
                folder("opt"), folder("opt/host"), folder("opt/host/bin"),
                new Entry("opt/host/bin/python3", 'l', "/proc/self/exe"),
                folder("opt/venv"), folder("opt/venv/bin"), new Entry("opt/venv/bin/python3", 'l', "/usr/bin/python3.12"),
                folder("opt/venv/lib"), folder("opt/venv/lib/python3.12"), folder("opt/venv/lib/python3.12/site-packages"),
                folder("opt/venv/lib/python3.12/site-packages/torch"),
                file("opt/venv/lib/python3.12/site-packages/torch/version.py", "__version__ = '2.11.0+cu130'\n"));

        ImageStore.InstalledImage image = new ImageImport(new ImageStore(dir.resolve("store")), line -> { })
                .load("venv-torch", archive("/opt/host/bin:/opt/venv/bin:/usr/bin", layer));

        assertEquals("/opt/venv/bin/python3", image.manifest().interpreter(),
                "/opt/host/bin/python3 points at /proc/self/exe, which is the host's, not the image's");
        assertEquals("2.11.0+cu130", image.manifest().torch());
    }

    @Test
    void anImageWithoutPython3OnItsPathIsImportedWithAWarning() throws Exception {
        Path layer = layer("bare.tar", false, folder("etc"), file("etc/hostname", "x"));
        List<String> said = new ArrayList<>();

        ImageStore.InstalledImage image = new ImageImport(new ImageStore(dir.resolve("store")), said::add)
                .load("bare", archive(layer));

        assertEquals(ImageManifest.DEFAULT_INTERPRETER, image.manifest().interpreter());
        assertTrue(said.contains("image bare: warning: no python3 on the image's PATH (/opt/conda/bin:/usr/bin); "
                + "its jobs will fail to start"), said.toString());
    }

    @Test
    void anEntryThatClimbsOutWithDotDotRefusesTheWholeImportAndWritesNothingOutside() throws Exception {
        Path evil = layer("evil.tar", false, folder("etc"), file("etc/../../escaped", "pwned"));
        ImageStore store = new ImageStore(dir.resolve("store"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ImageImport(store, line -> { }).load("evil", archive(evil)));
        assertTrue(e.getMessage().contains("leaves the image with '..'"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("escaped")));
        assertFalse(Files.exists(store.dir().resolve("escaped")));
        assertTrue(store.find("evil").isEmpty());
        assertEquals(List.of(), Files.list(store.dir().resolve("tmp")).toList(), "the workspace is gone");
    }

    @Test
    void aLayerWritingThroughALinkToTheHostIsRefused() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("host-folder"));
        Path lower = layer("lower.tar", false, new Entry("data", 'l', outside.toString()));
        Path upper = layer("upper.tar", false, file("data/pwned", "x"));
        ImageStore store = new ImageStore(dir.resolve("store"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ImageImport(store, line -> { }).load("evil", archive(lower, upper)));
        assertTrue(e.getMessage().contains("goes through the link data"), e.getMessage());
        assertFalse(Files.exists(outside.resolve("pwned")));
    }

    @Test
    void aHardLinkToAHostFileIsRefused() throws Exception {
        Path evil = layer("evil.tar", false, new Entry("passwd", 'h', "/etc/passwd"));
        ImageStore store = new ImageStore(dir.resolve("store"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ImageImport(store, line -> { }).load("evil", archive(evil)));
        assertTrue(e.getMessage().contains("absolute path"), e.getMessage());
    }
}
