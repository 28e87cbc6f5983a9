package org.tensormark.grading;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Reports for tests: real one-page PDFs whose text the report check reads. */
public final class TestReports {

    private TestReports() {
    }

    /** Writes a one-page PDF holding these lines to {@code file}. */
    public static Path pdf(Path file, String... lines) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                text.beginText();
                text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                text.newLineAtOffset(50, 700);
                for (String line : lines) {
                    text.showText(line);
                    text.newLineAtOffset(0, -14);
                }
                text.endText();
            }
            doc.save(file.toFile());
        }
        return file;
    }
}
