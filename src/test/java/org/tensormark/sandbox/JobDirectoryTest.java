package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void aJobDirectoryHasItsFourPartsAndCannotBeListedByTheSandboxUid() throws Exception {
        try (JobDirectory job = JobDirectory.create(dir.resolve("jobs"), JobBench.HARNESS)) {
            for (Path p : List.of(job.in(), job.submission(), job.out(), job.privateDir())) {
                assertTrue(Files.isDirectory(p), p.toString());
            }
            assertEquals("rwx--x--x", PosixFilePermissions.toString(Files.getPosixFilePermissions(job.root())));
            assertEquals("rwxrwxrwx", PosixFilePermissions.toString(Files.getPosixFilePermissions(job.out())));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(job.privateDir())));
        }
    }

    @Test
    void inputsAndTheHandInAreMadeReadableForTheSandbox() throws Exception {
        try (JobDirectory job = JobDirectory.create(dir.resolve("jobs"), JobBench.HARNESS)) {
            Path file = Files.writeString(Files.createDirectories(job.submission().resolve("pkg")).resolve("a.py"), "x = 1");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            job.openForSandbox();
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    @Test
    void deletingAJobNeverFollowsALinkOutOfIt() throws Exception {
        Path precious = Files.createDirectories(dir.resolve("precious"));
        Files.writeString(precious.resolve("keep.txt"), "keep me");
        JobDirectory job = JobDirectory.create(dir.resolve("jobs"), JobBench.HARNESS);
        Files.createSymbolicLink(job.out().resolve("escape"), precious);
        Files.createSymbolicLink(job.out().resolve("file"), precious.resolve("keep.txt"));
        job.close();
        assertFalse(Files.exists(job.root()));
        assertEquals("keep me", Files.readString(precious.resolve("keep.txt")));
    }

    @Test
    void aHarnessDirectoryWithoutTheHarnessIsRefused() {
        assertThrows(IOException.class, () -> JobDirectory.create(dir.resolve("jobs"), dir));
    }
}
