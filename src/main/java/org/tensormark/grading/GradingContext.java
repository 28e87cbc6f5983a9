package org.tensormark.grading;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.CheckSpec;

/**
 * What every check of one hand-in may look at, outside the sandbox.
 *
 * @param references where the reference figures of this assignment version are kept once computed
 */
record GradingContext(AssignmentView assignment, Optional<Path> report, List<String> memberNames,
        ReferenceStore references) {

    /** Reference figures shared by every context of this process that names no store of its own. */
    private static final ReferenceStore PROCESS_REFERENCES = ReferenceStore.inMemory();

    GradingContext(AssignmentView assignment, Optional<Path> report, List<String> memberNames) {
        this(assignment, report, memberNames, PROCESS_REFERENCES);
    }

    /** The key of one of a check's reference figures in this assignment version. */
    ReferenceStore.Key referenceKey(CheckSpec check, String item) {
        MessageDigest sha = JobPlan.sha256();
        sha.update((check.kind() + "\n" + new TreeMap<>(check.params())).getBytes(StandardCharsets.UTF_8));
        return new ReferenceStore.Key(assignment.id(), assignment.version(), check.id(), item,
                HexFormat.of().formatHex(sha.digest()));
    }
}
