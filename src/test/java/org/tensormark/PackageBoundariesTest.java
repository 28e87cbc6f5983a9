package org.tensormark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package boundaries of DESIGN.md, checked on the compiled classes: features depend on each
 * other one way only, domain code speaks in {@code problem} exceptions and never in HTTP terms,
 * and the reference and tensor code know nothing of HTTP or the database.
 */
class PackageBoundariesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importTheMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.tensormark");
    }

    @Test
    void noTwoTopLevelPackagesDependOnEachOther() {
        slices().matching("org.tensormark.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void onlyTheApiEdgeKnowsTheApiPackage() {
        noClasses().that().resideOutsideOfPackage("org.tensormark.api..")
                .should().dependOnClassesThat().resideInAPackage("org.tensormark.api..")
                .because("domain code throws org.tensormark.problem exceptions; the API edge maps them to HTTP")
                .check(classes);
    }

    @Test
    void lowerFeaturesNeverReachUpwards() {
        noClasses().that().resideInAnyPackage("org.tensormark.identity..", "org.tensormark.course..")
                .should().dependOnClassesThat().resideInAnyPackage("org.tensormark.submission..",
                        "org.tensormark.grading..", "org.tensormark.dashboard..", "org.tensormark.cli..")
                .check(classes);
        noClasses().that().resideInAPackage("org.tensormark.submission..")
                .should().dependOnClassesThat().resideInAnyPackage("org.tensormark.grading..",
                        "org.tensormark.dashboard..", "org.tensormark.cli..")
                .check(classes);
        noClasses().that().resideInAPackage("org.tensormark.identity..")
                .should().dependOnClassesThat().resideInAPackage("org.tensormark.course..")
                .check(classes);
    }

    @Test
    void theReferenceAndTensorCodeKnowNothingOfHttpOrTheDatabase() {
        noClasses().that().resideInAnyPackage("org.tensormark.reference..", "org.tensormark.tensor..",
                        "org.tensormark.problem..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "jakarta.persistence..",
                        "org.tensormark.grading..", "org.tensormark.submission..", "org.tensormark.course..")
                .check(classes);
    }
}
