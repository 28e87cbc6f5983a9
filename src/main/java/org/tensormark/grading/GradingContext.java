package org.tensormark.grading;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.tensormark.course.AssignmentView;

/** What every check of one hand-in may look at, outside the sandbox. */
record GradingContext(AssignmentView assignment, Optional<Path> report, List<String> memberNames) {
}
