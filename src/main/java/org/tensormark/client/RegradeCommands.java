package org.tensormark.client;

import static org.tensormark.client.ServerApi.encode;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code regrade}, {@code rescore} and {@code release-hidden}: what staff do to an assignment's scores. */
final class RegradeCommands {

    private static final Pattern SUBMISSION_ID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

    private RegradeCommands() {
    }

    /** Runs the checks again: of one hand-in when given its id, else of every hand-in of the assignment. */
    static int regrade(Session s) throws IOException {
        String target = s.args.word(0, "an assignment id or a hand-in's id");
        if (SUBMISSION_ID.matcher(target).matches()) {
            Map<String, Object> queued = Session.map(s.api().post("/api/submissions/" + encode(target) + "/regrade", null));
            s.show(queued, () -> s.io.out().println("Regrade of " + target + " queued as job " + queued.get("jobId")));
        } else {
            Map<String, Object> queued = Session.map(s.api().post("/api/assignments/" + encode(target) + "/regrade", null));
            s.show(queued, () -> s.io.out().println(queued.get("queued") + " hand-in(s) of " + target
                    + " queued for a regrade (behind students' new hand-ins)"));
        }
        return 0;
    }

    /**
     * The shadow regrades a changed assignment made from the kept runs (nothing is run again):
     * without options the latest in full, with {@code --publish ID} or {@code --discard ID} that
     * decision.
     */
    static int rescore(Session s) throws IOException {
        String base = "/api/assignments/" + encode(s.args.word(0, "the assignment id")) + "/regrades";
        if (s.args.option("publish") != null) {
            Map<String, Object> published = Session.map(s.api().post(base + "/" + id(s, "publish") + "/publish", null));
            s.show(published, () -> s.io.out().println(published.get("rescored") + " score(s) replaced"));
            return 0;
        }
        if (s.args.option("discard") != null) {
            s.api().post(base + "/" + id(s, "discard") + "/discard", null);
            s.show(Map.of("discarded", id(s, "discard")), () -> s.io.out().println("Rescore discarded"));
            return 0;
        }
        List<Object> regrades = Session.list(s.api().get(base));
        if (regrades.isEmpty()) {
            s.show(Map.of(), () -> s.io.out().println("No rescore yet: one is computed when a changed assignment is"
                    + " synced and hand-ins were scored against the old version."));
            return 0;
        }
        Map<String, Object> latest = Session.map(s.api().get(base + "/" + Table.cell(Session.map(regrades.get(0)).get("id"))));
        s.show(latest, () -> {
            s.io.out().println("Rescore " + Table.cell(latest.get("id")) + ": version " + latest.get("fromVersion")
                    + " → " + latest.get("toVersion") + ", " + latest.get("state") + "; " + latest.get("changedScores")
                    + " of " + latest.get("handins") + " score(s) change");
            Session.list(latest.get("changes")).forEach(c -> s.io.out().println("  " + c));
            s.table(List.of("STUDENT", "HAND-IN", "OLD", "NEW", "CHANGE"), Session.list(latest.get("entries")).stream()
                    .map(Session::map).map(e -> Session.row(e.get("student"), e.get("submissionId"), e.get("oldPoints"),
                            e.get("newPoints"), e.get("change"))).toList());
            s.io.out().println("Publish with: tensormark rescore " + s.args.words().get(0) + " --publish "
                    + Table.cell(latest.get("id")));
        });
        return 0;
    }

    static int releaseHidden(Session s) throws IOException {
        String assignment = s.args.word(0, "the assignment id");
        s.api().post("/api/assignments/" + encode(assignment) + "/release-hidden", null);
        s.show(Map.of("released", assignment), () -> s.io.out().println("Hidden checks of " + assignment
                + " released: students now see their details"));
        return 0;
    }

    private static String id(Session s, String option) {
        String id = s.args.required(option);
        if (!id.matches("\\d+")) {
            throw ClientFailure.usage("--" + option + " takes the rescore's number, not '" + id + "'");
        }
        return id;
    }
}
