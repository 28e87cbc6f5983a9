package org.tensormark.grading;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tensormark.course.CheckSpec;
import org.tensormark.project.Finding;
import org.tensormark.project.VideoCheck;

/**
 * The {@code video} check kind (see {@link VideoCheck}): the hand-in's video file, read outside
 * the sandbox without a decoder. Parameters: {@code role} (the file slot, default {@code extra}),
 * {@code max_seconds} (default 300), {@code codecs} (default H.264, AV1, VP9). Points are shared
 * equally among the findings.
 */
@ApplicationScoped
class VideoKind implements GraderKind {

    @Override
    public String name() {
        return "video";
    }

    @Override
    public Object prepare(CheckSpec check, JobPlan plan, GradingContext context) {
        return null;
    }

    @Override
    public CheckOutcome score(CheckSpec check, Object prepared, JobResults results, GradingContext context) {
        Map<String, Object> p = check.params();
        String role = p.get("role") instanceof String r ? r : "extra";
        double maxSeconds = p.get("max_seconds") instanceof Number n ? n.doubleValue() : 300;
        List<String> codecs = p.get("codecs") instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                : VideoCheck.PLAYABLE;
        Path video = context.files().get(role);
        List<Finding> findings;
        try {
            findings = video == null ? List.of(new Finding(false, "No video was handed in."))
                    : VideoCheck.examine(video, "the video", maxSeconds, codecs);
        } catch (IOException e) {
            findings = List.of(new Finding(false, "The video could not be read: " + e.getMessage()));
        }
        return FindingsOutcome.of(check, name(), findings);
    }
}
