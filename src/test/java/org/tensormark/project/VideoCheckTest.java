package org.tensormark.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoCheckTest {

    @TempDir
    Path dir;

    private List<Finding> check(Mp4Builder video) throws IOException {
        Path file = dir.resolve("talk.mp4");
        Files.write(file, video.bytes(8192));
        return VideoCheck.examine(file, "talk.mp4", 300, VideoCheck.PLAYABLE);
    }

    private static String failures(List<Finding> findings) {
        return String.join(" | ", findings.stream().filter(f -> !f.ok()).map(Finding::message).toList());
    }

    @Test
    void anH264Mp4OfFourMinutesPassesEveryItem() throws IOException {
        List<Finding> findings = check(new Mp4Builder().duration(600, 600 * 240));
        assertEquals("", failures(findings));
        assertTrue(findings.get(2).message().contains("4:00.000"), findings.get(2).message());
    }

    @Test
    void theLengthComesFromTheRawDurationAndTimescaleSoFiveMinutesAndFortyMillisecondsIsOver() throws IOException {
        List<Finding> findings = check(new Mp4Builder().duration(90_000, 90_000L * 300 + 3_600));
        assertEquals("It lasts 5:00.040; the limit is 5:00.000.", failures(findings));
    }

    @Test
    void aVersionOneHeaderWith64BitDurationsIsRead() throws IOException {
        List<Finding> findings = check(new Mp4Builder().version1().duration(1_000_000, 1_000_000L * 400));
        assertEquals("It lasts 6:40.000; the limit is 5:00.000.", failures(findings));
    }

    @Test
    void aMovieHeaderThatUnderstatesTheLengthDoesNotHideALongTrack() throws IOException {
        Mp4Builder video = new Mp4Builder().duration(1000, 60_000);
        video.trackTimescale = 25;
        video.trackDuration = 25 * 360;
        assertEquals("It lasts 6:00.000; the limit is 5:00.000.", failures(check(video)));
    }

    @Test
    void aQuickTimeMovieIsNamedAsSuch() throws IOException {
        assertEquals("'talk.mp4' is QuickTime MOV (brand qt).", check(new Mp4Builder().brand("qt  ")).get(0).message());
    }

    @Test
    void hevcIsRefusedWithTheCodecsThatPlay() throws IOException {
        assertEquals("The video track is HEVC (hvc1), which browsers do not all play; export it as H.264 (avc1) or"
                + " H.264 (avc3) or AV1 (av01) or VP9 (vp09).", failures(check(new Mp4Builder().codec("hvc1"))));
    }

    @Test
    void anAudioOnlyFileHasNoVideoTrack() throws IOException {
        assertTrue(failures(check(new Mp4Builder().handler("soun").codec("mp4a"))).contains("no video track"));
    }

    @Test
    void webmIsRefusedNamingTheFormatsThatWork() throws IOException {
        Path file = dir.resolve("talk.webm");
        Files.write(file, new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, 0, 0, 0, 0});
        List<Finding> findings = VideoCheck.examine(file, "talk.webm", 300, VideoCheck.PLAYABLE);
        assertEquals("'talk.webm' is WebM, whose length cannot be checked here; export the video as MP4 (H.264) or MOV"
                + " and hand that in.", failures(findings));
    }

    @Test
    void aFileCutOffBeforeItsMovieHeaderSaysSo() throws IOException {
        Path file = dir.resolve("talk.mp4");
        byte[] whole = new Mp4Builder().header();
        Files.write(file, java.util.Arrays.copyOf(whole, 40));
        String failure = failures(VideoCheck.examine(file, "talk.mp4", 300, VideoCheck.PLAYABLE));
        assertTrue(failure.startsWith("'talk.mp4' cannot be read as MP4 or MOV: its 'moov' box is cut off"), failure);
    }

    @Test
    void aBoxClaimingMoreBytesThanItsParentIsRefusedNotFollowed() throws IOException {
        byte[] header = new Mp4Builder().header();
        int trak = indexOf(header, "trak") - 4;
        header[trak] = 0x7f;
        Path file = dir.resolve("talk.mp4");
        Files.write(file, header);
        String failure = failures(VideoCheck.examine(file, "talk.mp4", 300, VideoCheck.PLAYABLE));
        assertTrue(failure.contains("'trak' box is cut off or has an impossible size"), failure);
        assertFalse(failure.isEmpty());
    }

    private static int indexOf(byte[] bytes, String type) {
        String s = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        return s.indexOf(type);
    }
}
