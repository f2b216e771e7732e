package dev.bottleneck;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.bottleneck.core.model.Blas;
import dev.bottleneck.core.model.LossTerms;
import dev.bottleneck.core.model.Matrix;
import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.model.Parameter;

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

    @ArchTest
    static final ArchRule corePackagesHaveNoCycles = slices().matching("dev.bottleneck.core.(*)..")
            .should().beFreeOfCycles()
            .because("core's packages layer: data, model <- eval <- train <- io; a cycle (train <-> eval was one) "
                    + "means neither can change alone");

    /**
     * The engine's tensors and threads stay below the view models: the app starts BLAS, core copies parameters.
     */
    @ArchTest
    static final ArchRule viewModelNeverTouchesTheEngine = noClasses().that()
            .resideInAPackage("dev.bottleneck.viewmodel..")
            .should().dependOnClassesThat().belongToAnyOf(Matrix.class, Parameter.class, Blas.class)
            .because("view models hold state and commands; matrices, parameters and BLAS threads belong to core");

    /**
     * Core's records and enums, narrowed honestly where the UI reads more today: {@code LossTerms} (a final class
     * whose instances are immutable values), {@code ModelConfig} (a sealed interface whose every implementation is
     * a record).
     */
    private static final DescribedPredicate<JavaClass> CORE_VALUES = DescribedPredicate.describe(
            "core's records and enums (and LossTerms, ModelConfig)", c -> !c.getPackageName()
                    .startsWith("dev.bottleneck.core") || c.isRecord() || c.isEnum()
                    || c.getEnclosingClass().map(JavaClass::isEnum).orElse(false) || c.isEquivalentTo(LossTerms.class)
                    || c.isEquivalentTo(ModelConfig.class));

    @ArchTest
    static final ArchRule uiReadsOnlyCoreValues = classes().that().resideInAPackage("dev.bottleneck.ui..")
            .should().onlyDependOnClassesThat(CORE_VALUES)
            .because("views read immutable records and enums of core; models, datasets and services reach them "
                    + "through the view models");
}
