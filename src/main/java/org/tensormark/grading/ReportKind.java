package org.tensormark.grading;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.tensormark.course.CheckSpec;

/** The {@code report} check kind (see {@link ReportCheck}); runs outside the sandbox. */
@ApplicationScoped
class ReportKind implements GraderKind {

    @Override
    public String name() {
        return "report";
    }

    @Override
    public Object prepare(CheckSpec check, JobPlan plan, GradingContext context) {
        return null;
    }

    @Override
    public CheckOutcome score(CheckSpec check, Object prepared, JobResults results, GradingContext context) {
        String visibility = check.visibility().toString().toLowerCase();
        if (context.report().isEmpty()) {
            return new CheckOutcome(check.id(), name(), visibility, 0, check.points(), CheckOutcome.Status.FAILED,
                    "No report was handed in.", Map.of());
        }
        Map<String, Object> p = check.params();
        int maxPages = p.get("max_pages") instanceof Number n ? n.intValue() : 0;
        int maxSeconds = p.get("max_seconds") instanceof Number n ? n.intValue() : 20;
        List<String> sections = p.get("sections") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        List<ReportCheck.Finding> findings = ReportCheck.examine(context.report().get(), maxPages, sections,
                context.members(), maxSeconds);
        long ok = findings.stream().filter(ReportCheck.Finding::ok).count();
        double points = check.points() * ok / findings.size();
        CheckOutcome.Status status = ok == findings.size() ? CheckOutcome.Status.PASSED
                : ok == 0 ? CheckOutcome.Status.FAILED : CheckOutcome.Status.PARTIAL;
        return new CheckOutcome(check.id(), name(), visibility, points, check.points(), status,
                ok + " of " + findings.size() + " report checks passed",
                Map.of("findings", findings.stream().map(ReportCheck.Finding::asMap).toList()));
    }
}
