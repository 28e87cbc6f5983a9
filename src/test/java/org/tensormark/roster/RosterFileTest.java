package org.tensormark.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.CourseRole;

class RosterFileTest {

    static final String CANVAS = """
            Student,ID,SIS User ID,SIS Login ID,Section,Assignment 1 (123),Current Score
                Points Possible,,,,,10,
            "Lovelace, Ada",101,U1001,ada,"T01",8,80
            "Turing, Alan",102,U1002,alan,T02,,0
            "Student, Test",103,,test-student,T01,,
            """;

    static final String MOODLE = "\uFEFFFirst name,Last name,ID number,Email address,Roles,Groups,Status\r\n"
            + "Grace,Hopper,U2001,Grace.Hopper@uni.example,Student,\"Lab A, Lab B\",Active\r\n"
            + "Tom,Assistant,,tom@uni.example,Non-editing teacher,No groups,Active\r\n";

    @Test
    void aCanvasGradebookExportGivesItsStudentsWithoutThePointsRowOrTheTestStudent() {
        RosterFile file = RosterFile.read(CANVAS);
        assertEquals("canvas", file.format());
        assertEquals(List.of(), file.errors());
        assertEquals(List.of(new RosterEntry(3, "ada", "Ada Lovelace", null, "U1001", "T01", null),
                new RosterEntry(4, "alan", "Alan Turing", null, "U1002", "T02", null)), file.entries());
    }

    @Test
    void aMoodleParticipantsExportUsesTheEmailAsUsernameTheFirstGroupAsSectionAndMapsRoles() {
        RosterFile file = RosterFile.read(MOODLE);
        assertEquals("moodle", file.format());
        assertEquals(List.of(new RosterEntry(2, "grace.hopper@uni.example", "Grace Hopper", "Grace.Hopper@uni.example",
                "U2001", "Lab A", CourseRole.STUDENT),
                new RosterEntry(3, "tom@uni.example", "Tom Assistant", "tom@uni.example", null, null, CourseRole.TA)),
                file.entries());
    }

    @Test
    void aPlainFileReadsEveryColumnAndAQuotedNameMayHoldACommaAndALineBreak() {
        RosterFile file = RosterFile.read("username,name,email,student_id,section,role\n"
                + "s1,\"Doe, Jane\nJr\",jane@uni.example,1,A,student\ns2,Bo Ta,,,,ta\n");
        assertEquals("plain", file.format());
        assertEquals(List.of(new RosterEntry(2, "s1", "Doe, Jane\nJr", "jane@uni.example", "1", "A", CourseRole.STUDENT),
                new RosterEntry(4, "s2", "Bo Ta", null, null, null, CourseRole.TA)), file.entries());
    }

    @Test
    void badRowsAreReportedWithTheirLineNumbers() {
        RosterFile file = RosterFile.read("username,name,email,student_id,section,role\n"
                + "ok,Ok Person,,,,\n"
                + ",No Username,,,,\n"
                + "x,Bad Mail,not-an-email,,,\n"
                + "y,Bad Role,,,,professor\n"
                + "ok,Twice,,,,\n"
                + "z,Same Id,,7,,\nw,Same Id Again,,7,,\n");
        assertEquals(List.of("line 3: no username", "line 4: 'not-an-email' is not an email address",
                "line 5: unknown course role 'professor' (student, ta or instructor)",
                "line 6: username 'ok' is also on line 2", "line 8: student id '7' is also on line 7"),
                file.errors().stream().map(LineError::toString).toList());
        assertEquals(List.of("ok", "z"), file.entries().stream().map(RosterEntry::username).toList());
    }

    @Test
    void aFileWithAnUnknownHeaderIsOneErrorOnLineOne() {
        RosterFile file = RosterFile.read("name;email\nA;a@b.c\n");
        assertEquals(1, file.errors().size());
        assertEquals(1, file.errors().get(0).line());
        assertTrue(file.errors().get(0).message().contains("Canvas"));
    }
}
