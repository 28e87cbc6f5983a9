package org.tensormark.course;

import java.util.List;

/**
 * What one sync did.
 *
 * @param courses   ids of the courses in the files
 * @param created   assignments seen for the first time ({@code id v1})
 * @param changed   assignments that got a new version ({@code id v3})
 * @param unchanged assignments whose content hash matched their current version
 * @param missing   assignments of these courses in the database whose folder is gone; kept, since
 *                  hand-ins and results refer to them
 */
public record SyncReport(List<String> courses, List<String> created, List<String> changed, List<String> unchanged,
                         List<String> missing) {

    /** One line per kind of outcome, for the console and the log. */
    public String summary() {
        return "synced " + courses.size() + " course(s) " + courses + ": "
                + created.size() + " new " + created + ", "
                + changed.size() + " new version(s) " + changed + ", "
                + unchanged.size() + " unchanged"
                + (missing.isEmpty() ? "" : ", " + missing.size() + " no longer in the files (kept) " + missing);
    }
}
