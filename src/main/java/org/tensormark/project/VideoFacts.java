package org.tensormark.project;

import java.util.List;
import java.util.Optional;

/**
 * What an MP4 or MOV file says about itself, read from its boxes without decoding a frame.
 *
 * @param brand the ftyp major brand ({@code isom}, {@code mp42}, {@code qt  } for QuickTime)
 * @param timescale units per second of {@code duration} (mvhd)
 * @param duration the movie's length in those units, as stored (mvhd); 0 when the file does not say
 * @param tracks every track: its handler ({@code vide}, {@code soun}) and sample entry (codec)
 */
public record VideoFacts(String brand, long timescale, long duration, List<Track> tracks) {

    /** One track: {@code handler} from hdlr, {@code codec} the four-cc of its first sample entry (stsd). */
    public record Track(String handler, String codec, long timescale, long duration) {

        double seconds() {
            return timescale == 0 ? 0 : (double) duration / timescale;
        }
    }

    /** The container's name for people: QuickTime for the {@code qt} brand, MP4 otherwise. */
    public String container() {
        return brand.strip().equals("qt") ? "QuickTime MOV" : "MP4";
    }

    /**
     * The length in seconds: the movie header's raw duration over its timescale, or the longest
     * track's (duration over its own timescale) when that is longer, so a movie header that
     * understates the length does not hide it. Empty when the file records no duration.
     */
    public Optional<Double> seconds() {
        double movie = timescale == 0 ? 0 : (double) duration / timescale;
        double longest = tracks.stream().mapToDouble(Track::seconds).max().orElse(0);
        double s = Math.max(movie, longest);
        return s > 0 ? Optional.of(s) : Optional.empty();
    }

    public Optional<Track> video() {
        return tracks.stream().filter(t -> t.handler().equals("vide")).findFirst();
    }
}
