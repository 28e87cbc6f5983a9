package org.tensormark.course;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;

/**
 * Which of a student's hand-ins counts for the grade. The candidates are the student's own
 * hand-ins and their group's; the choice is made here and nowhere else.
 */
public enum Counting {
    /** The most recent accepted hand-in. */
    LAST(Comparator.comparing(Candidate::receivedAt)),
    /**
     * The hand-in with the highest final score (after late penalty, extensions and any override);
     * a hand-in not scored yet ranks below every scored one; ties go to the later hand-in.
     */
    BEST(Comparator.comparing(Candidate::finalPoints, Comparator.nullsFirst(Comparator.<Double>naturalOrder()))
            .thenComparing(Candidate::receivedAt)),
    /** The hand-in the student or group marked as chosen, else the last. */
    CHOSEN(Comparator.comparing(Candidate::chosen).thenComparing(Candidate::receivedAt));

    /** What the choice needs to know of one hand-in. {@code finalPoints} is null until it is scored. */
    public record Candidate(UUID submissionId, Instant receivedAt, boolean chosen, Double finalPoints) {
    }

    private final Comparator<Candidate> rank;

    Counting(Comparator<Candidate> rank) {
        this.rank = rank;
    }

    /** The hand-in that counts among {@code candidates}, or empty when there are none. */
    public Optional<Candidate> pick(Collection<Candidate> candidates) {
        return candidates.stream().max(rank.thenComparing(Candidate::submissionId));
    }
}
