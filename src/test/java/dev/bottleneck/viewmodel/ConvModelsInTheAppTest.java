package dev.bottleneck.viewmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.ShapesDataset;
import dev.bottleneck.core.data.Splits;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.ConvArchitecture;
import dev.bottleneck.core.model.ConvSpec;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.core.model.NeuralConfig;
import dev.bottleneck.core.model.Shape;
import dev.bottleneck.core.model.VaeConfig;
import dev.bottleneck.viewmodel.TrainingViewModel.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The convolutional kinds go through the app like any other: chosen and shaped in the settings form, trained,
 * saved, reopened with their architecture, and explored by the scatter, the sliders, the samples and the components
 * views, which know nothing of convolutions.
 */
class ConvModelsInTheAppTest {

    @TempDir
    Path tmp;

    private static TrainingViewModel shapesSession() {
        SettingsViewModel s = new SettingsViewModel();
        s.dataset.set("shapes"); // 32x32 sprites
        s.trainSize.set(256);
        s.validationFraction.set(0.02);
        s.kind.set(ModelKind.CONV_VAE);
        s.latent.set(3);
        s.convChannels.set("4,8");
        s.convDense.set("16");
        s.epochs.set(1);
        s.batchSize.set(64);
        TrainingViewModel vm = new TrainingViewModel(s, FxExecutors.synchronous());
        vm.loadData();
        return vm;
    }

    @Test
    void aConvVaeFromTheFormTrainsSavesAndReopensWithItsArchitecture() {
        TrainingViewModel vm = FxThread.call(ConvModelsInTheAppTest::shapesSession);
        FxThread.run(() -> {
            assertEquals("", vm.errorProperty().get());
            NeuralConfig c = (NeuralConfig) vm.modelProperty().get().config();
            assertEquals(ModelKind.CONV_VAE, c.kind());
            assertEquals(new ConvArchitecture(Shape.image(1, 32, 32), new ConvSpec(List.of(4, 8), 4, 2, 1,
                    List.of(16))), c.conv(), "the form's rows, on the loaded images");
        });
        FxThread.run(vm::train);
        FxThread.run(() -> assertEquals(State.FINISHED, vm.stateProperty().get(), vm.errorProperty().get()));
        Path folder = tmp.resolve("conv-vae");
        FxThread.run(() -> vm.save(folder));
        FxThread.run(() -> assertEquals("", vm.errorProperty().get()));
        assertTrue(Files.exists(folder.resolve("model.json")));

        TrainingViewModel other = TrainingViewModelTest.openedInAnotherSession(folder, "moons");
        FxThread.run(() -> {
            assertEquals("", other.errorProperty().get());
            assertEquals(ModelKind.CONV_VAE, other.settings().kind.get());
            assertEquals("4,8", other.settings().convChannels.get());
            assertEquals("16", other.settings().convDense.get());
            assertEquals("shapes", other.settings().dataset.get());
            float[] z = {0.5f, -1f, 0.25f};
            assertArrayEquals(vm.modelProperty().get().copy().decode(z, 1),
                    other.modelProperty().get().copy().decode(z, 1));
        });
    }

    @Test
    void everyExplorerViewWorksUnchangedOnAConvVae() {
        DataSplit split = Splits.split(ShapesDataset.generate(400, 16, 2), null, 0.25, 0, 0.1, 2);
        Autoencoder model = VaeConfig.standard(256, null, 4, 1.0)
                .withConv(ConvArchitecture.defaultFor(Shape.image(1, 16, 16))).build(1);
        ExplorerViewModel vm = new ExplorerViewModel(FxExecutors.synchronous());
        vm.follow(new SimpleObjectProperty<>(model), new SimpleObjectProperty<>(split));

        ExplorerViewModel.Scatter s = vm.scatterProperty().get();
        assertNotNull(s);
        assertEquals(split.validation().size(), s.x().length);
        assertEquals(4, vm.dimensions().size());
        assertEquals(256, vm.dimensions().get(0).previews().get(0).length, "slider previews are decoded images");
        assertTrue(vm.dimensions().get(0).figure().startsWith("KL "), vm.dimensions().get(0).figure());
        float[] before = vm.decodedProperty().get().clone();
        vm.setValue(vm.dimensions().get(0).dim(), 2.5);
        assertFalse(java.util.Arrays.equals(before, vm.decodedProperty().get()), "a slider changes the decoded image");
        assertNotNull(vm.samplesProperty().get());
        assertEquals(256, vm.samplesProperty().get()[0].length);
        assertEquals("KL per dimension", vm.componentsProperty().get().measure());
        vm.select(1);
        vm.select(3);
        vm.interpolate(false); // from the previous selection to this one
        assertNotNull(vm.interpolationProperty().get());
        assertEquals(256, vm.interpolationProperty().get().images().get(0).length);
    }
}
