package org.tensormark.submission;

import java.nio.file.Path;

/** One file of a multipart hand-in as it arrived: the slot it fills, its name and where it was spooled. */
public record Upload(String role, String filename, Path file) {
}
