package dev.bottleneck.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.ShapesDataset;
import dev.bottleneck.core.data.Splits;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonViewModelTest {

    @Test
    void threeModelsOnOneSplitWithLinkedSelection() {
        DataSplit split = Splits.split(ShapesDataset.generate(300, 16, 4), null, 0.2, 0, 0.1, 4);
        SettingsViewModel s = new SettingsViewModel();
        s.hidden.set("32");
        ComparisonViewModel vm = new ComparisonViewModel(FxExecutors.synchronous(), () -> split, s);
        vm.run();
        assertEquals(List.of("PCA", "AE", "VAE"), vm.panels().stream().map(ComparisonViewModel.Panel::name).toList());
        for (ComparisonViewModel.Panel p : vm.panels()) {
            assertEquals(split.validation().size(), p.x().length);
        }
        assertNull(vm.reconstructionsProperty().get());
        vm.select(4);
        assertEquals(4, vm.selectedProperty().get());
        List<float[]> r = vm.reconstructionsProperty().get();
        assertNotNull(r);
        assertEquals(3, r.size());
        assertEquals(256, r.get(0).length);
        vm.select(-1);
        assertNull(vm.reconstructionsProperty().get());
    }

    @Test
    void cancelStopsTheComparisonAtTheNextBatch() {
        DataSplit split = Splits.split(ShapesDataset.generate(300, 16, 4), null, 0.2, 0, 0.1, 4);
        SettingsViewModel s = new SettingsViewModel();
        s.hidden.set("32");
        ComparisonViewModel vm = new ComparisonViewModel(FxExecutors.synchronous(), () -> split, s);
        // The synchronous executors run the fit inline: cancel when the AE's training is announced.
        vm.statusProperty().addListener((o, a, text) -> {
            if (text.startsWith("Training the AE")) {
                vm.cancel();
            }
        });
        vm.run();
        assertEquals(List.of(), vm.panels());
        assertEquals(false, vm.runningProperty().get());
        assertEquals(true, vm.statusProperty().get().startsWith("Comparison cancelled"), vm.statusProperty().get());
    }
}
