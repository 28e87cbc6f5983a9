package org.tensormark.submission;

/** The rules an archive entry's name must follow to unpack only inside the hand-in's folder. */
final class ArchivePaths {

    private ArchivePaths() {
    }

    static void check(String name) {
        if (name.isEmpty() || name.length() > 255) {
            throw new UnsafeArchiveException("an entry name is empty or longer than 255 characters");
        }
        if (name.indexOf('\0') >= 0 || name.indexOf('\\') >= 0) {
            throw new UnsafeArchiveException("entry '" + name.replace('\0', '?') + "' has a backslash or NUL in its name");
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw new UnsafeArchiveException("entry '" + name + "' has an absolute path");
        }
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw new UnsafeArchiveException("entry '" + name + "' climbs out of the archive with '..'");
            }
        }
    }
}
