package dev.bottleneck.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.viewmodel.TrainingViewModel.State;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** Issue 10, item 5 in the app: settings too large for the heap are refused in the banner before anything is built. */
class TrainingMemoryCheckTest {

    @Test
    void eightHiddenLayersOf8192AreRefusedBeforeBuildingAndTheModelStays() {
        TrainingViewModel vm = FxThread.call(() -> TrainingViewModelTest.moonsSession(ModelKind.AE, 1));
        var before = FxThread.call(() -> vm.modelProperty().get());
        FxThread.run(() -> {
            vm.settings().hidden.set(String.join(",", Collections.nCopies(8, "8192")));
            vm.train();
        });
        FxThread.run(() -> {
            String error = vm.errorProperty().get();
            assertTrue(error.startsWith("Training this AE needs about"), error);
            assertTrue(error.contains("choose a smaller hidden layer size"), error);
            assertEquals(State.READY, vm.stateProperty().get());
            assertSame(before, vm.modelProperty().get(), "the model stays");
        });
    }
}
