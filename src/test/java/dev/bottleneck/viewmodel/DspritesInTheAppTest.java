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

    /**
     * The scatter and the MIG views take 10,000 validation sprites spread over the grid, not its head: a split's
     * parts keep the grid's order, whose first 10,000 validation sprites are all squares of the smallest scales.
     */
    @Test
    void theViewsSeeEveryShapeAndScaleOfTheGrid() {
        DataSplit sp = dev.bottleneck.core.data.Splits.split(ShapesDataset.dsprites(32), null, 0.1, 0, 0.2, 1);
        assertTrue(sp.validation().size() > ExplorerViewModel.MAX_POINTS);
        var head = sp.validation().head(ExplorerViewModel.MAX_POINTS).factors().orElseThrow();
        java.util.Set<Float> headShapes = new java.util.TreeSet<>();
        for (int i = 0; i < head.count(); i++) {
            headShapes.add(head.value(i, 0));
        }
        assertEquals(1, headShapes.size(), "the head is one shape, which is why the views do not take it");
        dev.bottleneck.core.data.Dataset shown = ExplorerViewModel.exploreSet(sp);
        assertEquals(ExplorerViewModel.MAX_POINTS, shown.size());
        var f = shown.factors().orElseThrow();
        java.util.Set<Float> shapes = new java.util.TreeSet<>();
        java.util.Set<Float> scales = new java.util.TreeSet<>();
        for (int i = 0; i < shown.size(); i++) {
            shapes.add(f.value(i, 0));
            scales.add(f.value(i, 1));
        }
        assertEquals(3, shapes.size(), "every shape: " + shapes);
        assertEquals(6, scales.size(), "every scale: " + scales);
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
