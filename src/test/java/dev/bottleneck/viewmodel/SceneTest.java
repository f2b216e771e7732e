package dev.bottleneck.viewmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.model.Likelihood;
import dev.bottleneck.core.model.ModelKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SceneTest {

    @TempDir
    Path tmp;

    /** A scene says before its replay whether it opens a model or retrains one, and saving says so too. */
    @Test
    void aSceneSaysWhatItsReplayWillDo(@TempDir Path tmp) throws Exception {
        TrainingViewModel vm = FxThread.call(() -> TrainingViewModelTest.moonsSession(ModelKind.AE, 2));
        FxThread.run(vm::train);
        Path file = tmp.resolve("scene.json");
        FxThread.run(() -> vm.saveScene(file, new Scene.View(false, 0, 1, -1, new double[] {0, 0}, false, false)));
        Scene unsavedModel = Scene.read(file);
        assertEquals(null, unsavedModel.model());
        assertTrue(unsavedModel.replayPlan().contains("trains a new ae for 2 epochs from seed"),
                unsavedModel.replayPlan());
        FxThread.run(() -> assertTrue(vm.statusProperty().get().startsWith("Saved the scene to " + file),
                vm.statusProperty().get()));
        Path folder = tmp.resolve("model");
        FxThread.run(() -> vm.save(folder));
        FxThread.run(() -> vm.saveScene(file, new Scene.View(false, 0, 1, -1, new double[] {0, 0}, false, false)));
        Scene saved = Scene.read(file);
        assertEquals(folder.toString(), saved.model(), "after Save model the scene points to the saved folder");
        assertTrue(saved.replayPlan().startsWith("Replaying opens the saved model " + folder), saved.replayPlan());
    }

    @Test
    void aSceneReplaysTheSameRunAndView() throws Exception {
        TrainingViewModel first = FxThread.call(() -> TrainingViewModelTest.moonsSession(ModelKind.AE, 2));
        ExplorerViewModel firstView = new ExplorerViewModel(FxExecutors.synchronous());
        FxThread.run(() -> firstView.follow(first.modelProperty(), first.splitProperty()));
        FxThread.run(first::train);
        FxThread.run(() -> {
            firstView.select(5);
            firstView.setValue(0, 1.25);
        });
        Path file = tmp.resolve("scene.json");
        FxThread.run(() -> {
            try {
                new Scene(1, first.settings().snapshot(), null, firstView.view(true, false)).write(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        SettingsViewModel s = new SettingsViewModel(); // defaults: MNIST, VAE... the scene must override them all
        TrainingViewModel second = new TrainingViewModel(s, FxExecutors.synchronous());
        ExplorerViewModel secondView = new ExplorerViewModel(FxExecutors.synchronous());
        FxThread.run(() -> secondView.follow(second.modelProperty(), second.splitProperty()));
        Scene scene = Scene.read(file);
        FxThread.run(() -> {
            second.replay(scene);
            secondView.applyView(scene.view());
        });
        FxThread.run(() -> { }); // the run's end arrives a turn later
        FxThread.run(() -> {
            assertEquals("moons", s.dataset.get());
            assertEquals(ModelKind.AE, s.kind.get());
            assertEquals(Likelihood.GAUSSIAN, s.likelihood.get());
            assertEquals(first.batchPoints(), second.batchPoints(), "the seed makes the replayed run the same");
            assertEquals(5, secondView.selectedProperty().get());
            assertArrayEquals(firstView.values(), secondView.values(), 1e-12);
        });
    }

    @Test
    void aFileThatIsNotASceneIsRefusedWithItsName() throws Exception {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{ \"hello\": 1 ");
        Exception e = assertThrows(java.io.IOException.class, () -> Scene.read(bad));
        assertTrue(e.getMessage().contains("bad.json"), e.getMessage());
        Files.writeString(bad, "{ \"version\": 1 }");
        e = assertThrows(java.io.IOException.class, () -> Scene.read(bad));
        assertTrue(e.getMessage().contains("not a Bottleneck scene"), e.getMessage());
    }
}
