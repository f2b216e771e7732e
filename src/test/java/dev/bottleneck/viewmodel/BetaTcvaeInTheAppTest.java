package dev.bottleneck.viewmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.io.ModelStore;
import dev.bottleneck.core.io.SavedModel;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.core.model.Shape;
import dev.bottleneck.core.model.TcVaeConfig;
import dev.bottleneck.core.model.Term;
import dev.bottleneck.viewmodel.TrainingViewModel.State;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The beta-TCVAE in the app: its rows in the settings form (and no other kind's), its weights refused out of range
 * with the range, trained from the form with the three terms on the curves, saved with its command, reopened.
 */
class BetaTcvaeInTheAppTest {

    @TempDir
    Path tmp;

    @Test
    void theFormShowsTheWeightsRowsForTheBetaTcvaeKindsOnly() {
        SettingsViewModel s = new SettingsViewModel();
        for (ModelKind k : ModelKind.values()) {
            s.kind.set(k);
            boolean tc = k == ModelKind.BETA_TCVAE || k == ModelKind.CONV_BETA_TCVAE;
            assertEquals(tc, s.hasTcWeights(), k.label());
            if (tc) {
                assertFalse(s.hasBeta() || s.hasWarmup(), "no KL weight, capacity or warm-up rows: " + k.label());
            }
        }
    }

    @Test
    void theFormBuildsTheConfigFromItsWeightsAndGetsThemBack() {
        SettingsViewModel s = new SettingsViewModel();
        s.kind.set(ModelKind.BETA_TCVAE);
        s.hidden.set("16");
        s.beta.set(8);
        s.tcAlpha.set(0.5);
        s.tcGamma.set(2);
        TcVaeConfig c = (TcVaeConfig) s.modelConfig(Shape.features(20));
        assertEquals(List.of(0.5, 8.0, 2.0), List.of(c.alpha(), c.beta(), c.gamma()));

        SettingsViewModel t = new SettingsViewModel();
        t.apply(c.withDatasetSize(900), null);
        assertEquals(ModelKind.BETA_TCVAE, t.kind.get());
        assertEquals(List.of(0.5, 8.0, 2.0), List.of(t.tcAlpha.get(), t.beta.get(), t.tcGamma.get()));

        SettingsViewModel u = new SettingsViewModel();
        u.restore(s.snapshot());
        assertEquals(List.of(0.5, 8.0, 2.0), List.of(u.tcAlpha.get(), u.beta.get(), u.tcGamma.get()), "a scene");
    }

    @Test
    void aWeightOutOfRangeIsRefusedAtItsFieldWithTheRange() {
        SettingsViewModel s = new SettingsViewModel();
        s.kind.set(ModelKind.BETA_TCVAE);
        s.beta.set(200);
        s.tcAlpha.set(-1);
        s.tcGamma.set(Double.NaN);
        assertEquals("the weight of the total correlation must lie in [0, 100], not 200", s.problem("beta").orElse(""));
        assertEquals("the weight of the index-code MI must lie in [0, 100], not -1", s.problem("tcAlpha").orElse(""));
        assertEquals("the weight of the dimension-wise KL must lie in [0, 100], not NaN",
                s.problem("tcGamma").orElse(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.modelConfig(Shape.features(20)));
        assertTrue(e.getMessage().contains("[0, 100]"), e.getMessage());

        s.beta.set(0);
        s.tcAlpha.set(0);
        s.tcGamma.set(100);
        assertTrue(s.problems().isEmpty(), "0 and 100 are inside: " + s.problems());
        s.kind.set(ModelKind.BETA_VAE);
        s.tcAlpha.set(-1);
        assertTrue(s.problem("tcAlpha").isEmpty(), "a hidden row's value is no problem");
    }

    @Test
    void aBetaTcvaeFromTheFormTrainsChartsItsTermsSavesAndReopens() throws Exception {
        TrainingViewModel vm = FxThread.call(() -> {
            SettingsViewModel s = new SettingsViewModel();
            s.dataset.set("shapes");
            s.trainSize.set(200);
            s.validationFraction.set(0.1);
            s.kind.set(ModelKind.BETA_TCVAE);
            s.hidden.set("32");
            s.latent.set(3);
            s.beta.set(6);
            s.tcGamma.set(2);
            s.epochs.set(2);
            s.batchSize.set(50);
            TrainingViewModel v = new TrainingViewModel(s, FxExecutors.synchronous());
            v.loadData();
            return v;
        });
        FxThread.run(vm::train);
        Path folder = tmp.resolve("tcvae");
        FxThread.run(() -> {
            assertEquals(State.FINISHED, vm.stateProperty().get(), vm.errorProperty().get());
            for (Term t : List.of(Term.INDEX_CODE_MI, Term.TOTAL_CORRELATION, Term.DIMENSION_WISE_KL)) {
                assertTrue(vm.batchPoints().get(0).terms().has(t), t + " on the batch curve");
                assertTrue(vm.epochPoints().get(1).validation().has(t), t + " on the validation curve");
            }
            TcVaeConfig c = (TcVaeConfig) vm.modelProperty().get().config();
            assertEquals(200, c.datasetSize(), "the trainer put N into the shown model");
            String objective = vm.run().configProperty().get().objective();
            assertTrue(objective.contains("estimated on batches of 50 (validation too) by minibatch stratified"
                    + " sampling over N = 200 training examples"), "the chart's objective text: " + objective);
            vm.save(folder);
            assertEquals("", vm.errorProperty().get());
        });
        SavedModel saved = new ModelStore().load(folder);
        assertTrue(saved.command().contains("--model beta-tcvae"), saved.command());
        assertTrue(saved.command().contains("--beta 6.0 --alpha 1.0 --gamma 2.0"), saved.command());
        assertFalse(saved.command().contains("--kl-warmup"), "no row, no flag: " + saved.command());

        TrainingViewModel other = TrainingViewModelTest.openedInAnotherSession(folder, "moons");
        FxThread.run(() -> {
            assertEquals("", other.errorProperty().get());
            assertEquals(ModelKind.BETA_TCVAE, other.settings().kind.get());
            assertEquals(2.0, other.settings().tcGamma.get());
            float[] z = {0.5f, -1f, 0.25f};
            assertArrayEquals(vm.modelProperty().get().copy().decode(z, 1),
                    other.modelProperty().get().copy().decode(z, 1));
        });
    }
}
