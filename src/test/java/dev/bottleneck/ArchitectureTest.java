package dev.bottleneck;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layer rules of ARCHITECTURE.md: ui -> viewmodel -> core, cli -> core. */
@AnalyzeClasses(packages = "dev.bottleneck", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreNeverImportsJavaFx = noClasses().that().resideInAPackage("dev.bottleneck.core..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("core is Java + ND4J + Jackson only; it must run in the CLI and in tests without a display");

    @ArchTest
    static final ArchRule coreNeverImportsUpperLayers = noClasses().that().resideInAPackage("dev.bottleneck.core..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.bottleneck.app..", "dev.bottleneck.ui..",
                    "dev.bottleneck.viewmodel..", "dev.bottleneck.cli..")
            .because("arrows point one way: ui -> viewmodel -> core, cli -> core");

    @ArchTest
    static final ArchRule viewModelNeverImportsScenesOrNd4j = noClasses().that()
            .resideInAPackage("dev.bottleneck.viewmodel..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "org.nd4j..")
            .because("view models hold state and commands, not nodes or tensors")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule viewModelNeverImportsUi = noClasses().that().resideInAPackage("dev.bottleneck.viewmodel..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.bottleneck.ui..", "dev.bottleneck.app..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule uiNeverImportsNd4j = noClasses().that().resideInAPackage("dev.bottleneck.ui..")
            .should().dependOnClassesThat().resideInAPackage("org.nd4j..")
            .because("views read immutable records, never tensors")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule cliNeverImportsJavaFx = noClasses().that().resideInAPackage("dev.bottleneck.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.bottleneck.ui..",
                    "dev.bottleneck.viewmodel..", "dev.bottleneck.app..")
            .because("the command line runs without JavaFX");
}
