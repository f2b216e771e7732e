package dev.bottleneck.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.io.PoisonedModels;
import dev.bottleneck.core.model.ModelKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app never opens NaN parameters and never passes off a diverged run's parameters as good. */
class ModelSafetyViewModelTest {

    @TempDir
    Path tmp;

    @Test
    void openingAModelWithNanWeightsNamesTheTensorAndKeepsTheModelShown() throws Exception {
        TrainingViewModel vm = FxThread.call(() -> TrainingViewModelTest.moonsSession(ModelKind.AE, 1));
        FxThread.run(vm::train);
        Path folder = tmp.resolve("saved");
        FxThread.run(() -> vm.save(folder));
        FxThread.run(() -> assertEquals("", vm.errorProperty().get()));
        assertTrue(Files.exists(folder.resolve("model.json")));
        String tensor = PoisonedModels.poison(folder, 0, 1, Float.NaN);

        var before = FxThread.call(() -> vm.modelProperty().get());
        FxThread.run(() -> vm.open(folder));
        FxThread.run(() -> {
            String error = vm.errorProperty().get();
            assertTrue(error.contains(folder.toString()) && error.contains("tensor " + tensor + " holds NaN"), error);
            assertEquals(before, vm.modelProperty().get(), "the model shown stays");
        });
    }

    /** Issue 10.3 in the app: a diverged run's Save writes its last good parameters and says so. */
    @Test
    void savingADivergedRunSavesTheLastGoodParametersAndSaysSo() throws Exception {
        TrainingViewModel vm = FxThread.call(() -> TrainingViewModelTest.moonsSession(ModelKind.VAE, 3));
        FxThread.run(() -> vm.settings().learningRate.set(5.0));
        FxThread.run(vm::train);
        FxThread.run(() -> {
            assertTrue(vm.errorProperty().get().startsWith("The loss became"), vm.errorProperty().get());
            assertTrue(vm.heldProperty().get().contains("the last good before the run diverged"),
                    vm.heldProperty().get());
        });
        Path folder = tmp.resolve("diverged");
        FxThread.run(() -> vm.save(folder));
        FxThread.run(() -> assertTrue(vm.statusProperty().get().startsWith("Saved the last good parameters ("),
                vm.statusProperty().get()));
        var saved = new dev.bottleneck.core.io.ModelStore().load(folder); // refuses NaN or infinite parameters
        for (var p : saved.model().parameters()) {
            for (float v : p.value().data) {
                assertTrue(Math.abs(v) < 1e6, p.name() + " holds " + v);
            }
        }
    }
}
