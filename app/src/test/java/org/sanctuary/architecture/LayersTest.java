package org.sanctuary.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering the design promises, checked on the compiled classes of every module: the domain
 * knows nothing of HTTP or templates, the pure cores know nothing of the application, and no two
 * packages depend on each other in a circle.
 */
class LayersTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.sanctuary");
  }

  @Test
  void domainPackages_doNotDependOnTheWeb() {
    noClasses()
        .that().resideInAPackage("org.sanctuary..")
        .and().resideOutsideOfPackages("org.sanctuary.web..", "org.sanctuary..web..", "org.sanctuary.cli..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.javalin..", "jakarta.servlet..", "org.eclipse.jetty..", "gg.jte..",
            "org.sanctuary.web..", "org.sanctuary..web..")
        .because("services decide and stores keep; only the web layer speaks HTTP (issue: seams)")
        .check(classes);
  }

  @Test
  void pureCores_dependOnNoApplicationPart() {
    noClasses()
        .that().resideInAnyPackage("org.sanctuary.policy..", "org.sanctuary.ledger.merkle..", "org.sanctuary.ledger.note..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.sanctuary.cases..", "org.sanctuary.cli..", "org.sanctuary.config..", "org.sanctuary.errors..",
            "org.sanctuary.gateway..", "org.sanctuary.incidents..", "org.sanctuary.ledger.store..",
            "org.sanctuary.requests..", "org.sanctuary.staff..", "org.sanctuary.store..", "org.sanctuary.web..",
            "java.sql..", "javax.sql..")
        .check(classes);
  }

  @Test
  void packages_formNoCycles() {
    slices().matching("org.sanctuary.(**)").should().beFreeOfCycles().check(classes);
  }
}
