package org.tensormark.grading;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.tensormark.course.CheckSpec;

/** The {@code manual} check: rubric items a TA grades later; pending (0 points) until then. */
@ApplicationScoped
class ManualKind implements GraderKind {

    @Override
    public String name() {
        return "manual";
    }

    @Override
    public Object prepare(CheckSpec check, JobPlan plan, GradingContext context) {
        return null;
    }

    @Override
    public CheckOutcome score(CheckSpec check, Object prepared, JobResults results, GradingContext context) {
        Object rubric = check.params().getOrDefault("rubric", List.of());
        return new CheckOutcome(check.id(), name(), check.visibility().toString().toLowerCase(), 0, check.points(),
                CheckOutcome.Status.PENDING, "Waiting for a TA to grade it.", Map.of("rubric", rubric));
    }
}
