package org.orggroups.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module rules of DESIGN.md section 2: messages point nowhere, the command and query sides never know each
 * other, and nothing HTTP-shaped leaks below the {@code app} module.
 */
@AnalyzeClasses(packages = "org.orggroups", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule commandSideDoesNotKnowTheQuerySide = noClasses()
            .that().resideInAPackage("org.orggroups.command..")
            .should().dependOnClassesThat().resideInAPackage("org.orggroups.query..");

    @ArchTest
    static final ArchRule querySideDoesNotKnowTheCommandSide = noClasses()
            .that().resideInAPackage("org.orggroups.query..")
            .should().dependOnClassesThat().resideInAPackage("org.orggroups.command..");

    @ArchTest
    static final ArchRule messagesDependOnNothingOfOurs = noClasses()
            .that().resideInAPackage("org.orggroups.api..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.orggroups.command..", "org.orggroups.query..", "org.orggroups.app..",
                    "org.springframework..", "com.fasterxml..", "jakarta..");

    @ArchTest
    static final ArchRule nothingBelowTheAppKnowsHttp = noClasses()
            .that().resideInAnyPackage("org.orggroups.api..", "org.orggroups.command..", "org.orggroups.query..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.orggroups.app..", "org.springframework.web..", "org.springframework.http..",
                    "jakarta.servlet..");
}
