package org.tensormark.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {

    private static final String STATUS = """
            Package: python3
            Status: install ok installed
            Version: 3.13.5-1

            Package: python3.13
            Status: install ok installed
            Version: 3.13.5-2

            Package: python3-old
            Status: deinstall ok config-files
            Version: 1.0
            """;

    @TempDir
    Path dir;

    private Path tree(String name) throws Exception {
        Path root = Files.createDirectories(dir.resolve(name).resolve("root"));
        Files.createDirectories(root.resolve("var/lib/dpkg"));
        Files.writeString(root.resolve("var/lib/dpkg/status"), STATUS);
        Path lib = Files.createDirectories(root.resolve("usr/lib/python3.13"));
        Files.writeString(lib.resolve("os.py"), "# os\n");
        Path site = Files.createDirectories(root.resolve("usr/lib/python3/dist-packages"));
        Files.createDirectories(site.resolve("numpy"));
        Files.writeString(site.resolve("numpy/version.py"), "version: str = \"2.2.4\"\n__version__ = version\n");
        Files.createDirectories(site.resolve("torch"));
        Files.writeString(site.resolve("torch/version.py"), "from typing import Optional\n__version__ = '2.6.0+debian'\n");
        Files.createSymbolicLink(root.resolve("bin"), Path.of("usr/bin"));
        ImageBuild.addMountPoints(root);
        return root.getParent();
    }

    private ImageManifest manifest(String name, Path workspace) throws Exception {
        Path root = workspace.resolve("root");
        return ImageBuild.manifest(name, "test", root, Map.of("MPLBACKEND", "Agg"), DpkgStatus.installed(root),
                ImageManifest.DEFAULT_INTERPRETER);
    }

    @Test
    void aManifestRecordsTheDigestTheVersionsInsideAndEveryInstalledPackage() throws Exception {
        ImageManifest m = manifest("course-cpu", tree("a"));
        assertTrue(m.digest().matches("sha256:[0-9a-f]{64}"), m.digest());
        assertEquals("3.13.5", m.python());
        assertEquals("2.2.4", m.numpy());
        assertEquals("2.6.0+debian", m.torch());
        assertEquals(List.of("python3=3.13.5-1", "python3.13=3.13.5-2"), m.packages(), "not the removed package");
    }

    @Test
    void aManifestWrittenBeforeTheInterpreterWasRecordedRunsDebiansPython() throws Exception {
        ImageStore store = new ImageStore(dir.resolve("store"));
        Path workspace = store.workspace();
        Files.move(tree("a").resolve("root"), workspace.resolve("root"));
        ImageManifest m = store.install(workspace, manifest("course-cpu", workspace)).manifest();
        Path file = store.dir().resolve("sha256-" + m.digest().substring(7)).resolve("manifest.json");
        String written = Files.readString(file);
        Files.writeString(file, written.replaceFirst(",\\s*\"interpreter\"\\s*:\\s*\"[^\"]*\"", ""));
        assertFalse(Files.readString(file).contains("interpreter"), written);

        assertEquals("/usr/bin/python3", store.find("course-cpu").orElseThrow().manifest().interpreter());
    }

    @Test
    void theDigestIgnoresTimeStampsButNotContentModeOrLinks() throws Exception {
        Path a = tree("a");
        Path b = tree("b");
        Files.setLastModifiedTime(b.resolve("root/usr/lib/python3.13/os.py"), FileTime.fromMillis(0));
        assertEquals(TreeDigest.of(a.resolve("root")), TreeDigest.of(b.resolve("root")));
        Files.setPosixFilePermissions(b.resolve("root/usr/lib/python3.13/os.py"), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertNotEquals(TreeDigest.of(a.resolve("root")), TreeDigest.of(b.resolve("root")));
        Path c = tree("c");
        Files.delete(c.resolve("root/bin"));
        Files.createSymbolicLink(c.resolve("root/bin"), Path.of("/tmp"));
        assertNotEquals(TreeDigest.of(a.resolve("root")), TreeDigest.of(c.resolve("root")));
    }

    @Test
    void anInstalledImageIsFoundByNameListedAndRemovedWithItsTree() throws Exception {
        ImageStore store = new ImageStore(dir.resolve("store"));
        Path workspace = store.workspace();
        Files.move(tree("a").resolve("root"), workspace.resolve("root"));
        ImageManifest m = manifest("course-cpu", workspace);
        ImageStore.InstalledImage image = store.install(workspace, m);

        assertEquals(m, store.find("course-cpu").orElseThrow().manifest());
        assertEquals(store.dir().resolve("sha256-" + m.digest().substring(7)).resolve("root"), image.root());
        assertTrue(Files.isDirectory(image.root().resolve("job/in")), "the sandbox's mount points are in the tree");
        assertEquals(List.of("course-cpu"), store.list().stream().map(i -> i.manifest().name()).toList());
        assertTrue(store.remove("course-cpu"));
        assertTrue(store.find("course-cpu").isEmpty());
        assertFalse(Files.exists(image.root()), "the tree went with its last name");
        assertFalse(store.remove("course-cpu"));
    }

    @Test
    void anImageNameThatIsNotAPlainFileNameIsRefused() {
        for (String name : List.of("../etc", "Course", "a/b", "", ".hidden")) {
            assertThrows(IllegalArgumentException.class, () -> ImageManifest.checkName(name), name);
        }
    }
}
