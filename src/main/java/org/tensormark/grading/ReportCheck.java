package org.tensormark.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;
import org.tensormark.course.Teams;

/**
 * The {@code report} check: the PDF opens (parsed with caps on size, memory and time), stays within
 * the page limit, has the required section headings and, for group work, names every member.
 * Each finding is a line of feedback; points are shared equally among the findings.
 *
 * <p>Parameters in assignment.yaml: {@code max_pages}, {@code sections} (list of headings),
 * {@code max_seconds} (default 20).
 */
final class ReportCheck {

    private static final long MAX_BYTES = 50L << 20;
    private static final ExecutorService PARSER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tensormark-pdf");
        t.setDaemon(true);
        return t;
    });

    private ReportCheck() {
    }

    /** A report's text and page count, or why it could not be read. */
    record ParsedReport(int pages, String text) {
    }

    static List<Finding> examine(Path pdf, int maxPages, List<String> sections, List<Teams.Member> members, int maxSeconds) {
        List<Finding> findings = new ArrayList<>();
        ParsedReport report;
        try {
            report = parse(pdf, maxSeconds);
        } catch (IOException e) {
            findings.add(new Finding(false, "The PDF could not be opened: " + e.getMessage()));
            return findings;
        }
        findings.add(new Finding(true, "The PDF opens (" + report.pages() + " page" + (report.pages() == 1 ? "" : "s") + ")."));
        if (maxPages > 0) {
            findings.add(report.pages() <= maxPages
                    ? new Finding(true, "Within the page limit of " + maxPages + ".")
                    : new Finding(false, report.pages() + " pages; the limit is " + maxPages + "."));
        }
        String text = fold(report.text());
        for (String section : sections) {
            findings.add(text.contains(fold(section))
                    ? new Finding(true, "Section \"" + section + "\" found.")
                    : new Finding(false, "Section \"" + section + "\" not found; add a heading with that title."));
        }
        for (Teams.Member member : members) {
            findings.add(named(text, member));
        }
        return findings;
    }

    /** Both the name and (where the roster has one) the student id must appear, as the course asks. */
    private static Finding named(String text, Teams.Member member) {
        boolean name = text.contains(fold(member.name()));
        boolean id = member.studentId() == null || member.studentId().isBlank()
                || text.contains(fold(member.studentId()));
        if (name && id) {
            return new Finding(true, "The report names " + member.label() + ".");
        }
        if (name) {
            return new Finding(false, "The report names " + member.name() + " but not their student id "
                    + member.studentId() + ".");
        }
        return new Finding(false, "The report does not name " + member.label() + ".");
    }

    /** One line of report feedback. */
    record Finding(boolean ok, String message) {
        Map<String, Object> asMap() {
            return Map.of("ok", ok, "message", message);
        }
    }

    private static ParsedReport parse(Path pdf, int maxSeconds) throws IOException {
        if (Files.size(pdf) > MAX_BYTES) {
            throw new IOException("it is larger than " + (MAX_BYTES >> 20) + " MB");
        }
        Future<ParsedReport> parsing = PARSER.submit(() -> {
            try (PDDocument doc = Loader.loadPDF(pdf.toFile(), MemoryUsageSetting.setupMixed(64L << 20).streamCache)) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setEndPage(Math.min(doc.getNumberOfPages(), 200));
                return new ParsedReport(doc.getNumberOfPages(), stripper.getText(doc));
            }
        });
        try {
            return parsing.get(maxSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            parsing.cancel(true);
            throw new IOException("reading it took longer than " + maxSeconds + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IOException(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    /**
     * Reads a one-page report written here in Helvetica, as most hand-ins' reports are, so that the
     * PDF library's classes and its mapping of the standard fonts to this host's fonts (a scan of
     * the system's fonts, hundreds of milliseconds) are ready before the first hand-in's report.
     */
    static void warmUp() throws IOException {
        Path pdf = Files.createTempFile("tensormark-warm-up", ".pdf");
        try {
            writeOnePage(pdf, "Introduction");
            parse(pdf, 60);
        } finally {
            Files.deleteIfExists(pdf);
        }
    }

    /** Writes a one-page PDF holding these lines, set in Helvetica (the warm-up's and the self-check's report, and tests'). */
    static void writeOnePage(Path pdf, String... lines) throws IOException {
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
            doc.save(pdf.toFile());
        }
    }

    /** Case, accents and spacing do not matter when looking for a heading or a name. */
    static String fold(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }
}
