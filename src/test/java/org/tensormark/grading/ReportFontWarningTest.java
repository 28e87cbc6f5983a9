package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Reading a report set in Helvetica, a standard font most reports do not embed, logs nothing: the
 * PDF library's warning that it measures the text with a fallback font said nothing the report
 * check needs, once for every hand-in.
 */
@QuarkusTest
class ReportFontWarningTest {

    private static final String FONT_LOGGER = "org.apache.pdfbox.pdmodel.font.PDType1Font";

    @Test
    void aReportInANonEmbeddedStandardFontIsReadWithoutAWarning() throws Exception {
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler seen = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger fonts = Logger.getLogger(FONT_LOGGER);
        fonts.addHandler(seen);
        try {
            ReportCheck.warmUp(); // writes a one-page report in Helvetica and reads it as a hand-in's
        } finally {
            fonts.removeHandler(seen);
        }

        assertEquals(List.of(), logged, "the report check logged the PDF library's font warnings");
    }
}
