package org.tensormark.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** The installed packages of a tree, read from its {@code var/lib/dpkg/status}. */
final class DpkgStatus {

    private DpkgStatus() {
    }

    /** Package name to version for every package dpkg marks "install ok installed"; empty without dpkg. */
    static Map<String, String> installed(Path root) throws IOException {
        Path status = LayerPaths.insideOrNull(root, "var/lib/dpkg/status");
        if (status == null || !Files.isRegularFile(status, LinkOption.NOFOLLOW_LINKS)) {
            return Map.of();
        }
        return parse(Files.readString(status));
    }

    static Map<String, String> parse(String status) {
        Map<String, String> installed = new TreeMap<>();
        for (String stanza : status.split("\n\n")) {
            String pkg = null;
            String version = null;
            boolean ok = false;
            for (String line : stanza.split("\n")) {
                if (line.startsWith("Package: ")) {
                    pkg = line.substring(9).trim();
                } else if (line.startsWith("Version: ")) {
                    version = line.substring(9).trim();
                } else if (line.startsWith("Status: ")) {
                    ok = line.endsWith("install ok installed");
                }
            }
            if (pkg != null && version != null && ok) {
                installed.put(pkg, version);
            }
        }
        return installed;
    }
}
