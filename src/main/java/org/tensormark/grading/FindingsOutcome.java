package org.tensormark.grading;

import java.util.List;
import java.util.Map;
import org.tensormark.course.CheckSpec;
import org.tensormark.project.Finding;

/** A check made of findings (video, smoke run): points shared equally, one feedback line per finding. */
final class FindingsOutcome {

    private FindingsOutcome() {
    }

    static CheckOutcome of(CheckSpec check, String kind, List<Finding> findings) {
        long ok = findings.stream().filter(Finding::ok).count();
        double points = check.points() * ok / findings.size();
        CheckOutcome.Status status = ok == findings.size() ? CheckOutcome.Status.PASSED
                : ok == 0 ? CheckOutcome.Status.FAILED : CheckOutcome.Status.PARTIAL;
        String failed = findings.stream().filter(f -> !f.ok()).map(Finding::message).findFirst().orElse("");
        return new CheckOutcome(check.id(), kind, check.visibility().toString().toLowerCase(), points, check.points(),
                status, ok + " of " + findings.size() + " passed" + (failed.isEmpty() ? "" : ": " + failed),
                Map.of("findings", findings.stream().map(f -> Map.of("ok", f.ok(), "message", f.message())).toList()));
    }
}
