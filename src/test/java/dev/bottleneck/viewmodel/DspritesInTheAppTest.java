package dev.bottleneck.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.ShapesDataset;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.viewmodel.TrainingViewModel.State;
import org.junit.jupiter.api.Test;

/** The dataset box offers the dSprites grid, and the session loads all of it and trains on it. */
class DspritesInTheAppTest {

    @Test
    void theDatasetBoxListsBothDspritesSizes() {
        assertTrue(SettingsViewModel.DATASET_NAMES.contains("dsprites"), SettingsViewModel.DATASET_NAMES::toString);
        assertTrue(SettingsViewModel.DATASET_NAMES.contains("dsprites32"), SettingsViewModel.DATASET_NAMES::toString);
    }

    @Test
    void theWholeGridLoadsSplitsAndTrains() {
        TrainingViewModel vm = FxThread.call(() -> {
            SettingsViewModel s = new SettingsViewModel();
            s.dataset.set("dsprites32");
            s.trainSize.set(256);
            s.validationFraction.set(0.01);
            s.kind.set(ModelKind.VAE);
            s.hidden.set("8");
            s.latent.set(2);
            s.epochs.set(1);
            s.batchSize.set(64);
            TrainingViewModel session = new TrainingViewModel(s, FxExecutors.synchronous());
            session.loadData();
            return session;
        });
        FxThread.run(() -> {
            assertEquals("", vm.errorProperty().get());
            DataSplit sp = vm.splitProperty().get();
            int n = ShapesDataset.DSPRITES_COUNT;
            int test = (int) Math.round(0.2 * n);
            int validation = (int) Math.round(0.01 * n);
            assertEquals(test, sp.test().size());
            assertEquals(validation, sp.validation().size());
            assertEquals(256, sp.train().size());
            assertTrue(sp.train().isRendered() && sp.train().factors().orElseThrow().isDiscrete(2));
            assertTrue(vm.dataSummaryProperty().get().contains("737,280"), vm.dataSummaryProperty().get());
            vm.train();
        });
        FxThread.run(() -> {
            assertEquals(State.FINISHED, vm.stateProperty().get(), vm.errorProperty().get());
            assertEquals(1, vm.epochPoints().size());
        });
    }
}
