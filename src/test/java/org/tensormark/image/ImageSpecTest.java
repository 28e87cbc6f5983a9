package org.tensormark.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSpecTest {

    @TempDir
    Path dir;

    @Test
    void theCourseImageAsksForTheCoursesPythonNumpyPytorchAndPlotsWithAgg() throws Exception {
        ImageSpec spec = ImageSpec.read(Path.of("images/course-cpu.yaml"));
        assertEquals("trixie", spec.suite());
        for (String pkg : List.of("python3", "python3-numpy", "python3-torch", "python3-torchvision", "python3-matplotlib",
                "python3-scipy", "python3-pandas", "python3-sklearn", "python3-tqdm", "python3-pil", "python3-nbclient",
                "python3-ipykernel")) {
            assertTrue(spec.packages().containsKey(pkg), pkg);
        }
        assertTrue(spec.accepts("python3-torch", "2.6.0+dfsg-7"));
        assertTrue(spec.accepts("python3-numpy", "1:2.2.4+ds-1"));
        assertEquals("Agg", spec.environment().get("MPLBACKEND"));
    }

    @Test
    void aVersionOutsideTheSpecsGlobIsNotAccepted() throws Exception {
        ImageSpec spec = ImageSpec.read(Path.of("images/course-cpu.yaml"));
        assertFalse(spec.accepts("python3-torch", "2.7.0+dfsg-1"));
        assertFalse(spec.accepts("python3-numpy", "1:1.26.4+ds-6"));
        assertFalse(spec.accepts("python3-yaml", "6.0"), "a package the spec does not name");
    }

    @Test
    void theBuildLeavesOutRocmAndLlvmButKeepsCopyrightFiles() throws Exception {
        List<String> command = ImageBuild.command(ImageSpec.read(Path.of("images/course-cpu.yaml")), Path.of("/s/root"));
        assertTrue(command.contains("--dpkgopt=path-exclude=/usr/lib/x86_64-linux-gnu/libLLVM-17.so*"), command.toString());
        assertTrue(command.contains("--dpkgopt=path-exclude=/usr/lib/x86_64-linux-gnu/ucx/*rocm*"), command.toString());
        assertTrue(command.contains("--dpkgopt=path-include=/usr/share/doc/*/copyright"), command.toString());
        assertEquals(List.of("trixie", "/s/root", "deb http://deb.debian.org/debian trixie main"),
                command.subList(command.size() - 3, command.size()));
    }

    @Test
    void anImageMayNotSetLoaderOrInterpreterHooks() {
        for (String hook : List.of("LD_PRELOAD", "PYTHONPATH", "PYTHONSTARTUP", "lower_case")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ImageEnvironment.checked(Map.of(hook, "x")));
            assertTrue(e.getMessage().contains(hook), e.getMessage());
        }
    }

    @Test
    void aSpecWithAnUnknownKeyOrAWrongValueFailsNamingIt() throws Exception {
        Path unknown = Files.writeString(dir.resolve("x.yaml"), "suite: trixie\nmirror: http://m\npackages: {a1: '*'}\nsize: 3\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageSpec.read(unknown)).getMessage().contains("size"));
        Path badPath = Files.writeString(dir.resolve("y.yaml"),
                "suite: trixie\nmirror: http://m\npackages: {a1: '*'}\nexclude: [usr/share/doc]\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageSpec.read(badPath)).getMessage()
                .contains("absolute path"));
    }
}
