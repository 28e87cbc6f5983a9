package org.tensormark.project;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The project video, checked without a decoder: the container is MP4 or MOV, its video track is
 * in a codec the portal can play, and it lasts at most the limit, computed from the raw duration
 * and timescale the file records (not a rounded field). WebM is refused with the formats that work,
 * since no reader of its duration is available here.
 */
public final class VideoCheck {

    /** Codecs browsers play inside MP4/MOV: H.264, AV1, VP9; HEVC only in some, so not by default. */
    public static final List<String> PLAYABLE = List.of("avc1", "avc3", "av01", "vp09");

    private static final byte[] EBML = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};

    private VideoCheck() {
    }

    public static List<Finding> examine(Path file, String filename, double maxSeconds, List<String> codecs)
            throws IOException {
        List<Finding> findings = new ArrayList<>();
        if (isWebm(file)) {
            findings.add(new Finding(false, "'" + filename + "' is WebM, whose length cannot be checked here; export"
                    + " the video as MP4 (H.264) or MOV and hand that in."));
            return findings;
        }
        VideoFacts facts;
        try {
            facts = Mp4Boxes.read(file);
        } catch (Mp4Boxes.NotAVideo e) {
            findings.add(new Finding(false, "'" + filename + "' cannot be read as MP4 or MOV: " + e.getMessage() + "."));
            return findings;
        }
        findings.add(new Finding(true, "'" + filename + "' is " + facts.container() + " (brand "
                + facts.brand().strip() + ")."));
        findings.add(codec(facts, codecs));
        findings.add(length(facts, maxSeconds));
        return findings;
    }

    private static Finding codec(VideoFacts facts, List<String> codecs) {
        return facts.video().map(t -> codecs.contains(t.codec())
                ? new Finding(true, "The video track is " + name(t.codec()) + ", which the portal plays.")
                : new Finding(false, "The video track is " + name(t.codec()) + ", which browsers do not all play;"
                        + " export it as " + String.join(" or ", codecs.stream().map(VideoCheck::name).distinct().toList())
                        + "."))
                .orElse(new Finding(false, "The file has no video track (only "
                        + facts.tracks().stream().map(VideoFacts.Track::handler).distinct().toList() + ")."));
    }

    private static Finding length(VideoFacts facts, double maxSeconds) {
        return facts.seconds().map(s -> s <= maxSeconds
                ? new Finding(true, "It lasts " + clock(s) + ", within the limit of " + clock(maxSeconds) + ".")
                : new Finding(false, "It lasts " + clock(s) + "; the limit is " + clock(maxSeconds) + "."))
                .orElse(new Finding(false, "The file does not record its length (a fragmented or live recording);"
                        + " export it again as a regular MP4."));
    }

    /** m:ss.mmm, cut (never rounded) to the millisecond: 5:00.04 shows as over 5:00. */
    static String clock(double seconds) {
        long ms = (long) Math.floor(seconds * 1000);
        return String.format(Locale.ROOT, "%d:%02d.%03d", ms / 60_000, ms / 1000 % 60, ms % 1000);
    }

    private static String name(String fourcc) {
        return switch (fourcc) {
            case "avc1", "avc3" -> "H.264 (" + fourcc + ")";
            case "hvc1", "hev1" -> "HEVC (" + fourcc + ")";
            case "av01" -> "AV1 (av01)";
            case "vp09" -> "VP9 (vp09)";
            case "" -> "of no declared codec";
            default -> "'" + fourcc.strip() + "'";
        };
    }

    private static boolean isWebm(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(4), EBML);
        }
    }
}
