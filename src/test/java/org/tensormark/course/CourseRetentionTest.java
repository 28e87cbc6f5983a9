package org.tensormark.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CourseRetentionTest {

    @TempDir
    Path dir;

    @Test
    void aCourseFileGivesItsEndInTheCourseZoneAndHowLongHandInsAreKept() throws Exception {
        CourseDeclaration c = parse("id: c\ntitle: T\ntime_zone: Asia/Singapore\nends: 2027-05-31T23:59\n"
                + "retain_handins_days: 365\n");
        assertEquals(Instant.parse("2027-05-31T15:59:00Z"), c.endsAt());
        assertEquals(365, c.retainHandinsDays());
    }

    @Test
    void aCourseFileWithoutRetentionKeepsEverything() throws Exception {
        CourseDeclaration c = parse("id: c\ntitle: T\n");
        assertNull(c.endsAt());
        assertNull(c.retainHandinsDays());
    }

    @Test
    void aRelativeEndOrANegativeRetentionIsRefusedNamingTheKey() throws Exception {
        String relative = assertThrows(AssignmentFormatException.class, () -> parse("id: c\ntitle: T\nends: \"+30d\"\n"))
                .getMessage();
        assertTrue(relative.contains("ends") && relative.contains("not a time relative"), relative);
        String negative = assertThrows(AssignmentFormatException.class,
                () -> parse("id: c\ntitle: T\nretain_handins_days: -1\n")).getMessage();
        assertTrue(negative.contains("retain_handins_days"), negative);
    }

    private CourseDeclaration parse(String yaml) throws Exception {
        Path file = dir.resolve("c.course.yaml");
        Files.writeString(file, yaml);
        return CourseDeclaration.parse(file);
    }
}
