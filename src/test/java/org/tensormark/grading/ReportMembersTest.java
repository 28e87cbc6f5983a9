package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensormark.course.Teams;

class ReportMembersTest {

    @TempDir
    Path dir;

    static Path pdf(Path file, String... lines) throws IOException {
        return TestReports.pdf(file, lines);
    }

    private static final List<Teams.Member> GROUP = List.of(new Teams.Member("Alice Tan", "U1500001A"),
            new Teams.Member("Bob Lim", "U1500002B"), new Teams.Member("Carol Tan", "U2234567F"));

    private List<String> failures(String... lines) throws IOException {
        return ReportCheck.examine(pdf(dir.resolve("r.pdf"), lines), 0, List.of(), GROUP, 20).stream()
                .filter(f -> !f.ok()).map(ReportCheck.Finding::message).toList();
    }

    @Test
    void aReportNamingEveryMemberWithTheirStudentIdPasses() throws IOException {
        assertEquals(List.of(), failures("Alice Tan U1500001A", "Bob Lim (U1500002B)", "CAROL TAN, u2234567f"));
    }

    @Test
    void aMissingMemberIsNamedWithTheirStudentIdInTheFeedback() throws IOException {
        assertEquals(List.of("The report does not name Carol Tan (U2234567F)."),
                failures("Alice Tan U1500001A", "Bob Lim U1500002B"));
    }

    @Test
    void aMemberNamedWithoutTheirStudentIdFailsSayingWhichIdIsMissing() throws IOException {
        assertEquals(List.of("The report names Bob Lim but not their student id U1500002B."),
                failures("Alice Tan U1500001A", "Bob Lim", "Carol Tan U2234567F"));
    }

    @Test
    void aMemberWithoutAStudentIdOnTheRosterNeedsOnlyTheirName() throws IOException {
        List<String> failures = ReportCheck.examine(pdf(dir.resolve("r.pdf"), "Dave Kumar"), 0, List.of(),
                List.of(new Teams.Member("Dave Kumar", null)), 20).stream().filter(f -> !f.ok())
                .map(ReportCheck.Finding::message).toList();
        assertEquals(List.of(), failures);
    }
}
