package org.tensormark.course;

import java.util.List;

/**
 * One file a hand-in may carry.
 *
 * @param role     {@code code}, {@code report} or {@code extra} (the submission_file.role values)
 * @param types    allowed file-name extensions, lower case without the dot ({@code zip}, {@code py}, {@code pdf})
 * @param maxBytes the largest accepted size in bytes
 * @param required whether a hand-in without this file is refused
 */
public record FileSlot(String role, List<String> types, long maxBytes, boolean required) {

    public FileSlot {
        types = List.copyOf(types);
    }
}
