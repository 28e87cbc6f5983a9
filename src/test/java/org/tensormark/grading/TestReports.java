package org.tensormark.grading;

import java.io.IOException;
import java.nio.file.Path;

/** Reports for tests: real one-page PDFs whose text the report check reads. */
public final class TestReports {

    private TestReports() {
    }

    /** Writes a one-page PDF holding these lines to {@code file}. */
    public static Path pdf(Path file, String... lines) throws IOException {
        ReportCheck.writeOnePage(file, lines);
        return file;
    }
}
