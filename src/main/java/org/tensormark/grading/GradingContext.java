package org.tensormark.grading;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.CheckSpec;
import org.tensormark.course.Teams;

/**
 * What every check of one hand-in may look at, outside the sandbox.
 *
 * @param members the group's members (empty for individual work), whom a report must name
 * @param references where the reference figures of this assignment version are kept once computed
 * @param files every file of the hand-in by its slot ({@code code}, {@code report}, {@code extra}),
 *     for checks that read a file outside the sandbox
 */
record GradingContext(AssignmentView assignment, Optional<Path> report, List<Teams.Member> members,
        ReferenceStore references, Map<String, Path> files) {

    /** Reference figures shared by every context of this process that names no store of its own. */
    private static final ReferenceStore PROCESS_REFERENCES = ReferenceStore.inMemory();

    GradingContext(AssignmentView assignment, Optional<Path> report, List<Teams.Member> members) {
        this(assignment, report, members, PROCESS_REFERENCES);
    }

    GradingContext(AssignmentView assignment, Optional<Path> report, List<Teams.Member> members,
            ReferenceStore references) {
        this(assignment, report, members, references, report.map(r -> Map.of("report", r)).orElse(Map.of()));
    }

    /** The key of one of a check's reference figures in this assignment version. */
    ReferenceStore.Key referenceKey(CheckSpec check, String item) {
        MessageDigest sha = JobPlan.sha256();
        sha.update((check.kind() + "\n" + new TreeMap<>(check.params())).getBytes(StandardCharsets.UTF_8));
        return new ReferenceStore.Key(assignment.id(), assignment.version(), check.id(), item,
                HexFormat.of().formatHex(sha.digest()));
    }
}
