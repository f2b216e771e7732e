package dev.bottleneck.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.model.Likelihood;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.viewmodel.TrainingViewModel.State;
import org.junit.jupiter.api.Test;

/**
 * The training session with every executor synchronous. A Service reports its outcome on the FX turn after its task
 * ran, so each command runs in its own turn ({@link FxThread#run}) and the assertions in a later one.
 */
class TrainingViewModelTest {

    static TrainingViewModel moonsSession(ModelKind kind, int epochs) {
        SettingsViewModel s = new SettingsViewModel();
        s.dataset.set("moons");
        s.kind.set(kind);
        s.likelihood.set(Likelihood.GAUSSIAN);
        s.hidden.set("16");
        s.latent.set(kind == ModelKind.PCA ? 1 : 2);
        s.epochs.set(epochs);
        s.batchSize.set(64);
        TrainingViewModel vm = new TrainingViewModel(s, FxExecutors.synchronous());
        vm.loadData();
        return vm;
    }

    /** A second session, on other data, that has opened {@code folder}: what a user who reopens a model sees. */
    static TrainingViewModel openedInAnotherSession(java.nio.file.Path folder, String otherData) {
        TrainingViewModel other = FxThread.call(() -> {
            SettingsViewModel s = new SettingsViewModel();
            s.dataset.set(otherData);
            TrainingViewModel o = new TrainingViewModel(s, FxExecutors.synchronous());
            o.loadData();
            return o;
        });
        FxThread.run(() -> other.open(folder));
        return other;
    }

    @Test
    void loadingDataMakesAFreshModelReady() {
        FxThread.run(() -> {
            TrainingViewModel vm = moonsSession(ModelKind.AE, 2);
            assertEquals(State.READY, vm.stateProperty().get());
            assertNotNull(vm.splitProperty().get());
            assertNotNull(vm.modelProperty().get());
            assertTrue(vm.dataSummaryProperty().get().contains("moons"));
        });
    }

    /** A path that fails to load: the error names it, the path stays to be corrected, the loaded data stays. */
    @Test
    void aDatasetThatFailsKeepsItsPathAndTheLoadedDataAndTheNextSuccessClearsTheError() {
        TrainingViewModel vm = FxThread.call(() -> moonsSession(ModelKind.AE, 2));
        var split = vm.splitProperty().get();
        var model = vm.modelProperty().get();
        FxThread.run(() -> {
            vm.settings().dataset.set("/no/such/data.csv");
            vm.loadData();
        });
        FxThread.run(() -> {
            assertTrue(vm.errorProperty().get().contains("/no/such/data.csv"), vm.errorProperty().get());
            assertEquals("/no/such/data.csv", vm.settings().dataset.get());
            assertEquals(split, vm.splitProperty().get(), "the loaded split stays");
            assertEquals(model, vm.modelProperty().get(), "the model stays");
            assertEquals(State.READY, vm.stateProperty().get());
            vm.settings().dataset.set("moons");
            vm.loadData();
        });
        FxThread.run(() -> assertEquals("", vm.errorProperty().get(), "a success clears the error"));
    }

    /** A completed run goes on for one more epoch; unsaved work is flagged until saved. */
    @Test
    void stepEpochContinuesACompletedRunAndTheModelIsUnsavedUntilSaved(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path tmp) {
        TrainingViewModel vm = FxThread.call(() -> moonsSession(ModelKind.AE, 2));
        FxThread.run(() -> assertFalse(vm.unsavedProperty().get(), "a fresh model loses nothing"));
        FxThread.run(vm::train);
        FxThread.run(() -> {
            assertEquals(State.FINISHED, vm.stateProperty().get());
            assertTrue(vm.unsavedProperty().get());
            assertTrue(vm.stepContinues());
            assertEquals(2.0, vm.heldEpochProperty().get(), 0);
        });
        FxThread.run(vm::stepEpoch);
        FxThread.run(() -> {
            assertEquals(State.FINISHED, vm.stateProperty().get(), vm.statusProperty().get());
            assertEquals(3, vm.epochPoints().size());
            assertEquals(3, vm.epochPoints().get(2).epoch(), "epoch 3 of the same run");
            assertEquals(3, vm.epochsTotalProperty().get());
            vm.save(tmp.resolve("m"));
        });
        FxThread.run(() -> assertFalse(vm.unsavedProperty().get(), vm.statusProperty().get()));
    }

    @Test
    void trainingRecordsEveryEpochAndBatchAndFinishes() {
        TrainingViewModel vm = FxThread.call(() -> moonsSession(ModelKind.VAE, 3));
        var before = vm.modelProperty().get();
        FxThread.run(vm::train);
        FxThread.run(() -> {
            assertEquals(State.FINISHED, vm.stateProperty().get(), vm.statusProperty().get());
            assertEquals(3, vm.epochPoints().size());
            int batchesPerEpoch = (vm.splitProperty().get().train().size() + 63) / 64;
            assertEquals(3 * batchesPerEpoch, vm.batchPoints().size());
            assertEquals(1.0, vm.progressProperty().get(), 1e-9);
            assertNotSame(before, vm.modelProperty().get());
            assertTrue(vm.bestEpochProperty().get() >= 1);
            assertEquals("", vm.errorProperty().get());
        });
    }

    @Test
    void stepTrainsExactlyOneEpochAndThenResumes() {
        TrainingViewModel vm = FxThread.call(() -> moonsSession(ModelKind.AE, 3));
        FxThread.run(vm::stepEpoch);
        FxThread.run(() -> {
            assertEquals(State.PAUSED, vm.stateProperty().get(), vm.statusProperty().get());
            assertEquals(1, vm.epochPoints().size());
        });
        FxThread.run(vm::stepEpoch);
        FxThread.run(() -> assertEquals(2, vm.epochPoints().size()));
        FxThread.run(vm::train);
        FxThread.run(() -> {
            assertEquals(3, vm.epochPoints().size());
            assertEquals(State.FINISHED, vm.stateProperty().get());
        });
    }

    @Test
    void resetDiscardsTheCurves() {
        TrainingViewModel vm = FxThread.call(() -> moonsSession(ModelKind.AE, 1));
        FxThread.run(vm::train);
        FxThread.run(() -> {
            assertFalse(vm.batchPoints().isEmpty());
            vm.reset();
            assertTrue(vm.batchPoints().isEmpty());
            assertTrue(vm.epochPoints().isEmpty());
            assertEquals(State.READY, vm.stateProperty().get());
        });
    }

    @Test
    void pcaIsFittedInOneGo() {
        TrainingViewModel vm = FxThread.call(() -> moonsSession(ModelKind.PCA, 1));
        FxThread.run(vm::train);
        FxThread.run(() -> {
            assertEquals(State.FINISHED, vm.stateProperty().get());
            assertEquals(1, vm.epochPoints().size());
            assertNotNull(vm.modelProperty().get());
        });
    }

    @Test
    void bernoulliOnDataOutsideTheUnitRangeIsRefusedWithAReason() {
        FxThread.run(() -> {
            TrainingViewModel vm = moonsSession(ModelKind.AE, 1);
            vm.settings().likelihood.set(Likelihood.BERNOULLI);
            vm.train();
            assertEquals(State.READY, vm.stateProperty().get());
            assertTrue(vm.errorProperty().get().contains("Gaussian"), vm.errorProperty().get());
        });
    }

    @Test
    void aMissingDatasetFileIsReportedNotThrown() {
        FxThread.run(() -> {
            SettingsViewModel s = new SettingsViewModel();
            s.dataset.set("/no/such/file.csv");
            TrainingViewModel vm = new TrainingViewModel(s, FxExecutors.synchronous());
            vm.loadData();
            assertEquals(State.FAILED, vm.stateProperty().get());
            assertTrue(vm.errorProperty().get().contains("/no/such/file.csv"), vm.errorProperty().get());
        });
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path tmp;

    @Test
    void aSavedModelOpensWithItsCurvesSettingsAndModel() {
        TrainingViewModel vm = FxThread.call(() -> moonsSession(ModelKind.VAE, 2));
        long seed = (1L << 40) + 7; // above 2^31: an int on the way would change it
        FxThread.run(() -> {
            vm.settings().seed.set(seed);
            vm.loadData();
        });
        FxThread.run(vm::train);
        java.nio.file.Path folder = tmp.resolve("moons-vae");
        FxThread.run(() -> vm.save(folder));
        FxThread.run(() -> assertEquals("", vm.errorProperty().get()));
        assertTrue(java.nio.file.Files.exists(folder.resolve("model.json")));

        TrainingViewModel other = openedInAnotherSession(folder, "circles");
        FxThread.run(() -> {
            assertEquals("", other.errorProperty().get());
            assertEquals(State.FINISHED, other.stateProperty().get());
            assertEquals("moons", other.settings().dataset.get());
            assertEquals(seed, other.settings().seed.get());
            assertEquals(ModelKind.VAE, other.settings().kind.get());
            assertEquals(vm.batchPoints(), other.batchPoints());
            assertEquals(vm.epochPoints().size(), other.epochPoints().size());
            assertEquals(vm.bestEpochProperty().get(), other.bestEpochProperty().get());
            float[] z = {0.5f, -1f};
            assertTrue(java.util.Arrays.equals(vm.modelProperty().get().copy().decode(z, 1),
                    other.modelProperty().get().copy().decode(z, 1)));
        });
    }

    @Test
    void aDamagedModelFolderIsReportedAndNothingIsLost() throws Exception {
        TrainingViewModel vm = FxThread.call(() -> moonsSession(ModelKind.AE, 1));
        FxThread.run(vm::train);
        var before = FxThread.call(() -> vm.modelProperty().get());
        java.nio.file.Path bad = tmp.resolve("bad");
        java.nio.file.Files.createDirectories(bad);
        java.nio.file.Files.writeString(bad.resolve("model.json"), "{ not json");
        FxThread.run(() -> vm.open(bad));
        FxThread.run(() -> {
            assertTrue(vm.errorProperty().get().contains("model.json"), vm.errorProperty().get());
            assertEquals(before, vm.modelProperty().get());
            assertEquals(State.FINISHED, vm.stateProperty().get());
        });
    }

    @Test
    void restoreBestPutsBackTheBestValidationEpoch() {
        TrainingViewModel vm = FxThread.call(() -> moonsSession(ModelKind.AE, 6));
        FxThread.run(() -> vm.settings().trainSize.set(30)); // few examples: validation soon gets worse
        FxThread.run(vm::loadData);
        FxThread.run(() -> vm.settings().learningRate.set(0.02));
        FxThread.run(vm::train);
        FxThread.run(() -> {
            assertTrue(vm.canRestoreBest());
            vm.restoreBest();
            int best = vm.bestEpochProperty().get();
            double bestLoss = vm.epochPoints().get(best - 1).validation().loss();
            double now = dev.bottleneck.core.eval.Evaluation.meanTerms(vm.modelProperty().get().copy(),
                    vm.splitProperty().get().validation(), 0).loss();
            assertEquals(bestLoss, now, 1e-6 * Math.abs(bestLoss));
            assertTrue(vm.statusProperty().get().contains("epoch " + best), vm.statusProperty().get());
        });
    }

    @Test
    void theOverfittingPresetAsksForFewExamplesAndABigCode() {
        SettingsViewModel s = new SettingsViewModel();
        s.apply(SettingsViewModel.Preset.OVERFIT);
        assertEquals(500, s.trainSize.get());
        assertEquals(ModelKind.AE, s.kind.get());
        assertTrue(s.latent.get() >= 32);
        assertTrue(s.problems().isEmpty(), s.problems().toString());
        for (SettingsViewModel.Preset p : SettingsViewModel.Preset.values()) {
            s.apply(p);
            assertTrue(s.problems().isEmpty(), p + ": " + s.problems());
        }
    }

    /** The lecture's dSprites preset asks for the capacity objective, and inherits no knob left from before. */
    @Test
    void theDspritesPresetIsTheCapacityObjectiveWithNothingLeftFromBefore() {
        SettingsViewModel s = new SettingsViewModel();
        s.kind.set(ModelKind.BETA_TCVAE);
        s.tcAlpha.set(3);
        s.convChannels.set("8,16");
        s.apply(SettingsViewModel.Preset.DSPRITES_CAPACITY);
        assertEquals("dsprites32", s.dataset.get());
        assertEquals(ModelKind.BETA_VAE, s.kind.get());
        assertEquals(25, s.capacityMax.get());
        assertEquals(500, s.capacityGamma.get());
        assertEquals(20, s.capacityEpochs.get());
        assertEquals(dev.bottleneck.core.model.TcVaeConfig.DEFAULT_ALPHA, s.tcAlpha.get(), "no TC weight carried over");
        assertEquals("", s.convChannels.get());
        assertTrue(s.problems().isEmpty(), s.problems().toString());
        s.apply(SettingsViewModel.Preset.SHAPES_BETA_VAE);
        assertEquals(0, s.capacityMax.get(), "the next preset drops the capacity objective");
    }

    @Test
    void theCurvesExportAsCsvWithOneRowPerBatchAndEpoch() throws Exception {
        TrainingViewModel vm = FxThread.call(() -> moonsSession(ModelKind.VAE, 2));
        FxThread.run(vm::train);
        String csv = FxThread.call(vm::curvesCsv);
        String[] lines = csv.split("\n");
        assertTrue(lines[0].startsWith("kind,epoch,train_loss"), lines[0]);
        assertTrue(lines[0].contains("val_negElbo"), lines[0]);
        int columns = lines[0].split(",", -1).length;
        long batches = java.util.Arrays.stream(lines).filter(l -> l.startsWith("batch,")).count();
        long epochs = java.util.Arrays.stream(lines).filter(l -> l.startsWith("epoch,")).count();
        assertEquals(FxThread.call(() -> vm.batchPoints().size()).longValue(), batches);
        assertEquals(2, epochs);
        for (int i = 1; i < lines.length; i++) {
            assertEquals(columns, lines[i].split(",", -1).length, "row " + i);
        }
        java.nio.file.Path file = tmp.resolve("curves.csv");
        FxThread.run(() -> vm.exportCurves(file));
        assertEquals(csv, java.nio.file.Files.readString(file));
    }

    @Test
    void theTimeScrubberGoesBackToAnyEpoch() {
        TrainingViewModel vm = FxThread.call(() -> moonsSession(ModelKind.AE, 3));
        FxThread.run(vm::train);
        FxThread.run(() -> {
            assertEquals(java.util.List.of(1, 2, 3), vm.snapshotEpochs());
            var last = vm.modelProperty().get();
            vm.showEpoch(1);
            assertEquals(1, vm.shownEpochProperty().get());
            var first = vm.modelProperty().get();
            float[] z = {0.5f, -0.5f};
            assertFalse(java.util.Arrays.equals(first.copy().decode(z, 1), last.copy().decode(z, 1)),
                    "epoch 1's model is not the last one");
            vm.showEpoch(3);
            assertTrue(java.util.Arrays.equals(vm.modelProperty().get().copy().decode(z, 1), last.copy().decode(z, 1)),
                    "the last epoch's snapshot is the final model");
            vm.reset();
            assertTrue(vm.snapshotEpochs().isEmpty());
            assertEquals(-1, vm.shownEpochProperty().get());
        });
    }

    @Test
    void theCapacityObjectiveComesFromTheFormAndBackFromAModel() {
        SettingsViewModel s = new SettingsViewModel();
        s.kind.set(ModelKind.BETA_VAE);
        s.capacityMax.set(20);
        s.capacityGamma.set(50);
        s.capacityEpochs.set(25);
        var c = (dev.bottleneck.core.model.VaeConfig) s.modelConfig(dev.bottleneck.core.model.Shape.image(1, 28, 28));
        assertTrue(c.usesCapacity());
        assertEquals(20, c.capacityMax());
        assertEquals(50, c.capacityGamma());
        SettingsViewModel other = new SettingsViewModel();
        other.apply(c, null);
        assertEquals(20, other.capacityMax.get());
        assertEquals(25, other.capacityEpochs.get());
        s.capacityMax.set(0);
        assertTrue(!((dev.bottleneck.core.model.VaeConfig) s.modelConfig(dev.bottleneck.core.model.Shape.image(1, 28, 28))).usesCapacity());
    }
}
