package dev.bottleneck.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.Splits;
import dev.bottleneck.core.data.ToyDatasets;
import org.junit.jupiter.api.Test;

class SweepViewModelTest {

    @Test
    void aSweepReportsPcaAndAePointsForEverySizeTheDataAllows() {
        DataSplit split = Splits.split(ToyDatasets.moons(300, 0.05, 1), null, 0.2, 0, 0.1, 1);
        SettingsViewModel s = new SettingsViewModel();
        s.hidden.set("16");
        SweepViewModel vm = new SweepViewModel(FxExecutors.synchronous(), () -> split, s);
        vm.run();
        assertFalse(vm.runningProperty().get());
        assertEquals(4, vm.points().size(), "sizes 1 and 2 (moons is 2-D), PCA and AE each");
        assertEquals(0.0, vm.points().stream().filter(p -> p.isPca() && p.latent() == 2).findFirst().orElseThrow()
                .msePerPixel(), 1e-9, "PCA with k = d is exact");
        assertTrue(vm.statusProperty().get().startsWith("Done"), vm.statusProperty().get());
    }
}
