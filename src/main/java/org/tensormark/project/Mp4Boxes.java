package org.tensormark.project;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the boxes of an MP4/MOV file (ISO/IEC 14496-12, QuickTime) that describe it: ftyp, and
 * in moov the movie header and each track's media header, handler and first sample entry. Safe on
 * hostile input: the top level is walked by seeking (mdat is never read), moov is read whole only
 * up to {@link #MAX_MOOV} bytes, nesting and box counts are capped, and every size is checked
 * against its parent before use.
 */
public final class Mp4Boxes {

    static final long MAX_MOOV = 16L << 20;
    private static final int MAX_TOP_BOXES = 10_000;
    private static final int MAX_DEPTH = 8;

    private Mp4Boxes() {
    }

    /** Why a file is not an MP4/MOV this parser can describe, in a sentence for the student. */
    public static final class NotAVideo extends Exception {
        NotAVideo(String message) {
            super(message);
        }
    }

    public static VideoFacts read(Path file) throws IOException, NotAVideo {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            String brand = null;
            ByteBuffer moov = null;
            long position = 0;
            long end = ch.size();
            for (int count = 0; position + 8 <= end && count < MAX_TOP_BOXES; count++) {
                ByteBuffer head = readFully(ch, position, (int) Math.min(16, end - position));
                long size = Integer.toUnsignedLong(head.getInt());
                String type = fourcc(head);
                int header = 8;
                if (size == 1) {
                    if (head.remaining() < 8) {
                        throw new NotAVideo("the file ends inside a box header");
                    }
                    size = head.getLong();
                    header = 16;
                } else if (size == 0) {
                    size = end - position;
                }
                if (size < header || position + size > end) {
                    throw new NotAVideo("its '" + printable(type) + "' box is cut off or has an impossible size");
                }
                if (type.equals("ftyp") && size >= 12) {
                    brand = fourcc(readFully(ch, position + header, 4));
                } else if (type.equals("moov")) {
                    if (size - header > MAX_MOOV) {
                        throw new NotAVideo("its movie header (moov) is larger than " + (MAX_MOOV >> 20) + " MB");
                    }
                    moov = readFully(ch, position + header, (int) (size - header));
                }
                position += size;
            }
            if (brand == null) {
                throw new NotAVideo("it has no 'ftyp' box, so it is not an MP4 or MOV file");
            }
            if (moov == null) {
                throw new NotAVideo("it has no movie header ('moov' box): the recording was not finished or was cut off");
            }
            return describe(brand, moov);
        }
    }

    private static VideoFacts describe(String brand, ByteBuffer moov) throws NotAVideo {
        long[] movie = {0, 0};
        List<VideoFacts.Track> tracks = new ArrayList<>();
        for (Box b : children(moov, 0)) {
            if (b.type.equals("mvhd")) {
                movie = header(b.body);
            } else if (b.type.equals("trak")) {
                tracks.add(track(b.body));
            }
        }
        return new VideoFacts(brand, movie[0], movie[1], tracks);
    }

    private static VideoFacts.Track track(ByteBuffer trak) throws NotAVideo {
        long[] media = {0, 0};
        String handler = "";
        String codec = "";
        Box mdia = find(children(trak, 1), "mdia");
        if (mdia == null) {
            return new VideoFacts.Track(handler, codec, 0, 0);
        }
        for (Box b : children(mdia.body, 2)) {
            switch (b.type) {
                case "mdhd" -> media = header(b.body);
                case "hdlr" -> handler = b.body.remaining() >= 12 ? fourcc(b.body.position(b.body.position() + 8)) : "";
                case "minf" -> codec = codec(b.body);
                default -> { }
            }
        }
        return new VideoFacts.Track(handler, codec, media[0], media[1]);
    }

    private static String codec(ByteBuffer minf) throws NotAVideo {
        Box stbl = find(children(minf, 3), "stbl");
        Box stsd = stbl == null ? null : find(children(stbl.body, 4), "stsd");
        if (stsd == null || stsd.body.remaining() < 16) {
            return "";
        }
        ByteBuffer entries = stsd.body.position(stsd.body.position() + 8).slice();
        List<Box> sampleEntries = children(entries, 5);
        return sampleEntries.isEmpty() ? "" : sampleEntries.get(0).type;
    }

    /** mvhd and mdhd share their start: version, flags, times, then timescale and duration (32 or 64 bits). */
    private static long[] header(ByteBuffer body) throws NotAVideo {
        if (body.remaining() < 4) {
            throw new NotAVideo("a movie or media header is empty");
        }
        int version = body.get(body.position()) & 0xff;
        int need = version == 1 ? 32 : 20;
        if (body.remaining() < need) {
            throw new NotAVideo("a movie or media header is cut off");
        }
        ByteBuffer b = body.duplicate();
        b.position(b.position() + (version == 1 ? 20 : 12));
        long timescale = Integer.toUnsignedLong(b.getInt());
        long duration = version == 1 ? b.getLong() : Integer.toUnsignedLong(b.getInt());
        boolean unknown = version == 1 ? duration == -1L : duration == 0xFFFFFFFFL;
        return new long[] {timescale, unknown || duration < 0 ? 0 : duration};
    }

    private record Box(String type, ByteBuffer body) {
    }

    private static List<Box> children(ByteBuffer parent, int depth) throws NotAVideo {
        if (depth > MAX_DEPTH) {
            throw new NotAVideo("its boxes are nested too deeply");
        }
        List<Box> boxes = new ArrayList<>();
        ByteBuffer b = parent.duplicate();
        while (b.remaining() >= 8) {
            int start = b.position();
            long size = Integer.toUnsignedLong(b.getInt());
            String type = fourcc(b);
            int header = 8;
            if (size == 1 && b.remaining() >= 8) {
                size = b.getLong();
                header = 16;
            } else if (size == 0) {
                size = b.limit() - start;
            }
            if (size < header || size > b.limit() - start) {
                throw new NotAVideo("its '" + printable(type) + "' box is cut off or has an impossible size");
            }
            boxes.add(new Box(type, b.duplicate().position(start + header).limit(start + (int) size).slice()));
            b.position(start + (int) size);
        }
        return boxes;
    }

    private static Box find(List<Box> boxes, String type) {
        return boxes.stream().filter(x -> x.type.equals(type)).findFirst().orElse(null);
    }

    private static ByteBuffer readFully(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (ch.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        return buffer.flip();
    }

    private static String fourcc(ByteBuffer b) {
        byte[] four = new byte[4];
        b.get(four);
        return new String(four, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? type : "?";
    }
}
