package org.tensormark.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveInspectorTest {

    @TempDir
    Path dir;

    private final ArchiveInspector inspector = new ArchiveInspector(new ArchiveLimits(10, 1 << 20, 1 << 20, 100));

    private String refusal(byte[] zip) {
        Path file;
        try {
            file = Zips.write(dir, "handin.zip", zip);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return assertThrows(UnsafeArchiveException.class, () -> inspector.inspect(file)).getMessage();
    }

    @Test
    void aPlainPackageIsListedAndUnpacked() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("mlp/", new byte[0]);
        files.put("mlp/__init__.py", "from .net import forward\n".getBytes());
        files.put("mlp/net.py", "def forward(x):\n    return x\n".getBytes());
        Path zip = Zips.write(dir, "ok.zip", Zips.of(files));
        List<ArchiveInspector.Entry> entries = inspector.inspect(zip);
        assertEquals(3, entries.size());
        Path out = Files.createDirectory(dir.resolve("out"));
        inspector.extract(zip, out);
        assertEquals("def forward(x):\n    return x\n", Files.readString(out.resolve("mlp/net.py")));
    }

    @Test
    void zipSlipIsRefused() throws IOException {
        assertTrue(refusal(Zips.of("../evil.py", "x")).contains("'..'"));
        assertTrue(refusal(Zips.of("a/../../evil.py", "x")).contains("'..'"));
    }

    @Test
    void absolutePathsAreRefused() throws IOException {
        assertTrue(refusal(Zips.of("/etc/cron.d/evil", "x")).contains("absolute"));
        assertTrue(refusal(Zips.of("C:/evil.py", "x")).contains("absolute"));
    }

    @Test
    void symlinkEntriesAreRefused() throws IOException {
        byte[] zip = Zips.withUnixMode(Zips.of("link.py", "/etc/passwd"), 0, 0120777);
        assertTrue(refusal(zip).contains("symbolic link"));
    }

    @Test
    void deviceEntriesAreRefused() throws IOException {
        byte[] zip = Zips.withUnixMode(Zips.of("dev", "x"), 0, 0020666);
        assertTrue(refusal(zip).contains("device"));
    }

    @Test
    void duplicateNamesAreRefused() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("a.py", "1".getBytes());
        files.put("b.py", "2".getBytes());
        byte[] zip = Zips.renamed(Zips.of(files), "b.py", "a.py");
        assertTrue(refusal(zip).contains("twice"));
    }

    @Test
    void zipBombsAreStoppedWhileInflating() throws IOException {
        byte[] zeros = new byte[5 << 20];
        String message = refusal(Zips.of(Map.of("zeros.bin", zeros)));
        assertTrue(message.contains("zip bomb") || message.contains("expands"), message);
    }

    @Test
    void highlyCompressedEntriesAreRefusedEvenUnderTheSizeCap() throws IOException {
        ArchiveInspector roomy = new ArchiveInspector(new ArchiveLimits(10, 100 << 20, 100 << 20, 100));
        Path file = Zips.write(dir, "bomb.zip", Zips.of(Map.of("zeros.bin", new byte[20 << 20])));
        String message = assertThrows(UnsafeArchiveException.class, () -> roomy.inspect(file)).getMessage();
        assertTrue(message.contains("compressed more than 100:1"), message);
    }

    @Test
    void overlappingEntriesAreRefused() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("a.bin", new byte[1000]);
        files.put("b.bin", new byte[1000]);
        byte[] zip = Zips.withLocalOffsetOf(Zips.of(files), 1, 0);
        assertTrue(refusal(zip).contains("overlaps"));
    }

    @Test
    void tooManyEntriesAreRefusedBeforeReadingThem() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            files.put("f" + i + ".py", new byte[] {'x'});
        }
        assertTrue(refusal(Zips.of(files)).contains("11 entries"));
    }

    @Test
    void somethingThatIsNotAZipIsRefused() {
        assertFalse(refusal("just text, not an archive at all".getBytes()).isEmpty());
    }

    @Test
    void compiledPythonIsRefusedNamingTheEntry() throws IOException {
        byte[] source = "def forward(x):\n    return x\n".getBytes();
        for (String entry : List.of("mlp/__pycache__/net.cpython-311.pyc", "mlp/net.pyc", "net.pyo", "mlp/__pycache__/")) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("mlp/net.py", source);
            files.put(entry, entry.endsWith("/") ? new byte[0] : new byte[] {(byte) 0xa7, 0x0d, 0x0d, 0x0a});
            String message = refusal(Zips.of(files));
            assertTrue(message.contains("'" + entry + "' is compiled Python"), message);
            assertTrue(message.contains("__pycache__") && message.contains(".pyc"), "says what to delete: " + message);
        }
    }

    @Test
    void nativeExtensionModulesAreRefusedNamingTheEntry() throws IOException {
        String message = refusal(Zips.of("mlp/net.cpython-311-x86_64-linux-gnu.so", "\u007fELF"));
        assertTrue(message.contains("'mlp/net.cpython-311-x86_64-linux-gnu.so' is a compiled extension module"), message);
    }

    @Test
    void bytesAfterTheEndRecordAreRefused() throws IOException {
        byte[] zip = Zips.of("net.py", "x = 1\n");
        assertTrue(refusal(Zips.appended(zip, "trailing garbage".getBytes())).contains("does not match the end of the file"));
        assertTrue(refusal(Zips.withEndField(zip, 20, 2, 5)).contains("does not match the end of the file"),
                "a comment length that runs past the file");
    }

    @Test
    void anEndRecordDeclaringFewerEntriesThanTheDirectoryHoldsIsRefused() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("a.py", "1".getBytes());
        files.put("b.py", "2".getBytes());
        byte[] zip = Zips.withEndField(Zips.withEndField(Zips.of(files), 8, 2, 1), 10, 2, 1);
        assertTrue(refusal(zip).contains("holds more than the 1 entries"), refusal(zip));
    }

    @Test
    void anEndRecordWithTheWrongDirectorySizeOrOffsetIsRefused() throws IOException {
        byte[] zip = Zips.of("net.py", "x = 1\n");
        int size = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).getInt(zip.length - 10);
        int offset = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).getInt(zip.length - 6);
        assertTrue(refusal(Zips.withEndField(zip, 12, 4, size + 10)).contains("wrong directory offset or size"));
        assertTrue(refusal(Zips.withEndField(zip, 16, 4, offset - 4)).contains("wrong directory offset or size"));
    }

    @Test
    void splitArchivesAndTwoEndRecordsAreRefused() throws IOException {
        byte[] zip = Zips.of("net.py", "x = 1\n");
        assertTrue(refusal(Zips.withEndField(zip, 4, 2, 1)).contains("several disks"));
        assertTrue(refusal(Zips.withEndField(zip, 8, 2, 0)).contains("several disks"));
        assertTrue(refusal(Zips.withTwoEndRecords(zip)).contains("two end-of-directory records"));
    }

    @Test
    void aZip64EndRecordRepeatingTheSameFiguresIsAccepted() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("mlp/__init__.py", "".getBytes());
        files.put("mlp/net.py", "def forward(x):\n    return x\n".getBytes());
        Path zip = Zips.write(dir, "zip64.zip", Zips.withZip64EndRecord(Zips.of(files)));
        assertEquals(2, inspector.inspect(zip).size());
    }
}
