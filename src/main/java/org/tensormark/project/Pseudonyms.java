package org.tensormark.project;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules for a group's leaderboard name, so that the board shows no real names: 3 to 24
 * characters, letters, digits, spaces, '-' and '_', starting with a letter; no word of it may be
 * a word of any course member's name, and it may not contain anyone's username or student id.
 */
final class Pseudonyms {

    private static final Pattern SHAPE = Pattern.compile("\\p{L}[\\p{L}\\p{N} _-]{2,23}");

    private Pseudonyms() {
    }

    /** A person of the course as the rules see them. */
    record Person(String username, String displayName, String studentId) {
    }

    /** Why {@code pseudonym} is refused, or empty when it may be used. */
    static Optional<String> problem(String pseudonym, Collection<Person> people) {
        if (pseudonym == null || !SHAPE.matcher(pseudonym).matches() || pseudonym.strip().length() != pseudonym.length()) {
            return Optional.of("A pseudonym is 3 to 24 letters, digits, spaces, '-' or '_', starting with a letter.");
        }
        String lower = pseudonym.toLowerCase(Locale.ROOT);
        Set<String> words = words(lower);
        for (Person p : people) {
            boolean named = p.displayName() != null && words(p.displayName().toLowerCase(Locale.ROOT)).stream()
                    .filter(w -> w.length() >= 2).anyMatch(words::contains);
            boolean id = contains(lower, p.username()) || contains(lower, p.studentId());
            if (named || id) {
                return Optional.of("A pseudonym may not show a real name, username or student id; choose another.");
            }
        }
        return Optional.empty();
    }

    private static boolean contains(String lower, String part) {
        return part != null && part.length() >= 3 && lower.contains(part.toLowerCase(Locale.ROOT));
    }

    private static Set<String> words(String text) {
        return Pattern.compile("[^\\p{L}\\p{N}]+").splitAsStream(text).filter(w -> !w.isEmpty())
                .collect(Collectors.toSet());
    }
}
