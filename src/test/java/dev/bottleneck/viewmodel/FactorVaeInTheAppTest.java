package dev.bottleneck.viewmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.io.ModelStore;
import dev.bottleneck.core.io.SavedModel;
import dev.bottleneck.core.model.FactorVaeConfig;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.core.model.Shape;
import dev.bottleneck.core.model.Term;
import dev.bottleneck.viewmodel.TrainingViewModel.State;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FactorVAE in the app: its rows in the settings form (and no other kind's), its values refused out of range, trained
 * from the form with the discriminator's terms on the curves and its formula above the chart, saved with its command
 * and the discriminator, reopened.
 */
class FactorVaeInTheAppTest {

    @TempDir
    Path tmp;

    @Test
    void theFormShowsTheDiscriminatorRowsForTheFactorVaeKindsOnly() {
        SettingsViewModel s = new SettingsViewModel();
        for (ModelKind k : ModelKind.values()) {
            s.kind.set(k);
            boolean factor = k == ModelKind.FACTOR_VAE || k == ModelKind.CONV_FACTOR_VAE;
            assertEquals(factor, s.hasDiscriminator(), k.label());
            if (factor) {
                assertFalse(s.hasBeta() || s.hasWarmup() || s.hasTcWeights(), "no beta, warm-up or TC weights rows");
            }
        }
    }

    @Test
    void theFormBuildsTheConfigAndGetsItBack() {
        SettingsViewModel s = new SettingsViewModel();
        s.kind.set(ModelKind.FACTOR_VAE);
        s.hidden.set("16");
        s.factorGamma.set(12);
        s.discriminator.set("64, 32");
        s.discriminatorRate.set(5e-4);
        FactorVaeConfig c = (FactorVaeConfig) s.modelConfig(Shape.features(20));
        assertEquals(List.of(12.0, 5e-4), List.of(c.gamma(), c.discriminatorRate()));
        assertEquals(List.of(64, 32), c.discriminator());

        SettingsViewModel t = new SettingsViewModel();
        t.apply(c, null);
        assertEquals(ModelKind.FACTOR_VAE, t.kind.get());
        assertEquals(List.of(12.0, 5e-4), List.of(t.factorGamma.get(), t.discriminatorRate.get()));
        assertEquals("64,32", t.discriminator.get());

        SettingsViewModel u = new SettingsViewModel();
        u.restore(s.snapshot());
        assertEquals(List.of(12.0, 5e-4), List.of(u.factorGamma.get(), u.discriminatorRate.get()), "a scene");
        assertEquals("64, 32", u.discriminator.get());
    }

    @Test
    void aValueOutOfRangeIsRefusedAtItsField() {
        SettingsViewModel s = new SettingsViewModel();
        s.kind.set(ModelKind.FACTOR_VAE);
        s.factorGamma.set(501);
        s.discriminator.set("");
        s.discriminatorRate.set(0);
        assertEquals("gamma (the weight of the total correlation) must lie in [0, 500], not 501",
                s.problem("factorGamma").orElse(""));
        assertTrue(s.problem("discriminator").orElse("").contains("at least one"), s.problems().toString());
        assertEquals("the discriminator's learning rate must lie in (0, 1), not 0",
                s.problem("discriminatorRate").orElse(""));
        assertThrows(IllegalArgumentException.class, () -> s.modelConfig(Shape.features(20)));
        s.kind.set(ModelKind.VAE);
        assertTrue(s.problems().isEmpty(), "a hidden row's value is no problem: " + s.problems());
    }

    @Test
    void aFactorVaeFromTheFormTrainsChartsItsTermsSavesAndReopens() throws Exception {
        TrainingViewModel vm = FxThread.call(() -> {
            SettingsViewModel s = new SettingsViewModel();
            s.dataset.set("shapes");
            s.trainSize.set(200);
            s.validationFraction.set(0.1);
            s.kind.set(ModelKind.FACTOR_VAE);
            s.hidden.set("32");
            s.latent.set(3);
            s.factorGamma.set(10);
            s.discriminator.set("16,16");
            s.epochs.set(2);
            s.batchSize.set(50);
            TrainingViewModel v = new TrainingViewModel(s, FxExecutors.synchronous());
            v.loadData();
            return v;
        });
        FxThread.run(vm::train);
        Path folder = tmp.resolve("factor");
        FxThread.run(() -> {
            assertEquals(State.FINISHED, vm.stateProperty().get(), vm.errorProperty().get());
            for (Term t : List.of(Term.DISCRIMINATOR_TC, Term.DISCRIMINATOR_LOSS, Term.DISCRIMINATOR_ACCURACY)) {
                assertTrue(vm.batchPoints().get(0).terms().has(t), t + " on the batch curve");
                assertTrue(vm.epochPoints().get(1).validation().has(t), t + " on the validation curve");
            }
            String objective = vm.run().configProperty().get().objective();
            assertTrue(objective.startsWith("loss = reconstruction + KL + 10 TC (FactorVAE, Kim & Mnih 2018)"),
                    "the chart's formula line: " + objective);
            vm.save(folder);
            assertEquals("", vm.errorProperty().get());
        });
        SavedModel saved = new ModelStore().load(folder);
        assertTrue(saved.command().contains("--model factor-vae"), saved.command());
        assertTrue(saved.command().contains("--gamma 10.0 --discriminator 16,16 --discriminator-lr 1.0E-4"),
                saved.command());
        assertFalse(saved.command().contains("--beta"), "no row, no flag: " + saved.command());

        TrainingViewModel other = TrainingViewModelTest.openedInAnotherSession(folder, "moons");
        FxThread.run(() -> {
            assertEquals("", other.errorProperty().get());
            assertEquals(ModelKind.FACTOR_VAE, other.settings().kind.get());
            assertEquals(10.0, other.settings().factorGamma.get());
            assertEquals("16,16", other.settings().discriminator.get());
            float[] z = {0.5f, -1f, 0.25f};
            assertArrayEquals(vm.modelProperty().get().copy().decode(z, 1),
                    other.modelProperty().get().copy().decode(z, 1));
            float[] x = new float[1024];
            x[5] = 1f;
            assertEquals(vm.modelProperty().get().copy().evaluate(x, x, 1, 3),
                    other.modelProperty().get().copy().evaluate(x, x, 1, 3), "the same discriminator, the same TC");
        });
    }
}
