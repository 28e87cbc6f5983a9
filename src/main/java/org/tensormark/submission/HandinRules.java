package org.tensormark.submission;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.FileSlot;
import org.tensormark.course.LateDecision;
import org.tensormark.problem.Problem;

/**
 * Everything checked before a byte of a hand-in is stored: the assignment is open for this
 * student or group and the files are the kinds and sizes it takes. The day's quota is
 * {@link DailyQuota}'s.
 */
@ApplicationScoped
class HandinRules {

    static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm z", Locale.ENGLISH);

    private final ArchiveInspector archives;

    HandinRules(ArchiveInspector archives) {
        this.archives = archives;
    }

    void checkOpen(AssignmentView a, Instant now, LateDecision late) {
        if (now.isBefore(a.releaseAt())) {
            throw Problem.notAllowed(a.title() + " is not released yet; it opens "
                    + DISPLAY.format(a.releaseAt().atZone(a.zone())) + ".");
        }
        if (!late.accepted()) {
            throw Problem.notAllowed("Hand-ins for " + a.title() + " are closed. " + late.sentence());
        }
    }

    void checkFiles(AssignmentView a, List<Upload> uploads) {
        Map<String, FileSlot> slots = a.files().stream().collect(Collectors.toMap(FileSlot::role, s -> s));
        Set<String> given = uploads.stream().map(Upload::role).collect(Collectors.toSet());
        for (Upload u : uploads) {
            if (!slots.containsKey(u.role())) {
                throw Problem.invalid("This assignment takes no '" + u.role() + "' file; it takes "
                        + String.join(", ", slots.keySet()) + ".");
            }
        }
        for (FileSlot slot : a.files()) {
            if (slot.required() && !given.contains(slot.role())) {
                throw Problem.invalid("The '" + slot.role() + "' file is missing (" + typesText(slot) + ").");
            }
        }
        for (Upload u : uploads) {
            checkFile(slots.get(u.role()), u);
        }
    }

    private void checkFile(FileSlot slot, Upload u) {
        String type = FileKinds.claimedType(u.filename());
        if (!slot.types().contains(type)) {
            throw Problem.refused("'" + u.filename() + "' cannot be the " + slot.role() + " file: it must be "
                    + typesText(slot) + ".");
        }
        try {
            long size = Files.size(u.file());
            if (size > slot.maxBytes()) {
                throw Problem.tooLarge("'" + u.filename() + "' is " + megabytes(size) + "; the " + slot.role()
                        + " file may be at most " + megabytes(slot.maxBytes()) + ".");
            }
            FileKinds.check(u.filename(), type, u.file(), archives);
        } catch (RejectedFileException e) {
            throw Problem.refused(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String typesText(FileSlot slot) {
        return slot.types().stream().map(t -> "." + t).collect(Collectors.joining(" or "));
    }

    static String megabytes(long bytes) {
        return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0) : bytes + " bytes";
    }
}
