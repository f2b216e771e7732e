package dev.bottleneck.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.FileProblemException;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.AutoencoderConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NaN or infinite parameters are refused by name wherever a model enters or leaves: load, import, save. */
class NonFiniteParametersTest {

    @TempDir
    Path dir;

    private final ModelStore store = new ModelStore("test");

    @Test
    void loadingRefusesANanWeightNamingTheTensorAndTheFolder() throws IOException {
        Path folder = dir.resolve("vae");
        store.save(folder, TestModels.trained(TestModels.betaVae(List.of(7, 5), 2), 1, 8, "bottleneck train"));
        String name = PoisonedModels.poison(folder, 1, 3, Float.NaN);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> store.load(folder));
        assertEquals(folder.resolve(ModelStore.PARAMETERS_FILE), e.file());
        assertTrue(e.getMessage().startsWith(folder.resolve("parameters.bin") + ": tensor " + name + " holds NaN at "),
                e.getMessage());
    }

    @Test
    void loadingRefusesAnInfinitePcaValue() throws IOException {
        Path folder = dir.resolve("pca");
        store.save(folder, TestModels.pca(TestModels.D, 2, 1));
        PoisonedModels.poison(folder, 0, 2, Float.NEGATIVE_INFINITY);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> store.load(folder));
        assertTrue(e.getMessage().contains("tensor pca.mean holds -Infinity at [0, 2]"), e.getMessage());
    }

    @Test
    void savingRefusesANanModelAndLeavesTheOldOne() throws IOException {
        Path folder = dir.resolve("ae");
        store.save(folder, TestModels.trained(TestModels.sparseDenoisingAe(), 1, 3, "good"));
        SavedModel bad = TestModels.trained(TestModels.sparseDenoisingAe(), 1, 3, "bad");
        bad.model().parameters().get(2).value().data[0] = Float.POSITIVE_INFINITY;
        bad.model().parameters().get(2).value().data[1] = Float.NaN;
        FileProblemException e = assertThrows(FileProblemException.class, () -> store.save(folder, bad));
        String name = bad.model().parameters().get(2).name();
        assertTrue(e.getMessage().startsWith(folder + ": not saved: tensor " + name + " holds +Infinity"),
                e.getMessage());
        assertTrue(e.getMessage().contains("2 of its"), e.getMessage());
        assertEquals("good", store.load(folder).command());
    }

    @Test
    void importRefusesNanArraysNamingTheArrayAndTheFile() throws IOException {
        Autoencoder model = AutoencoderConfig.plain(4, List.of(3), 2).build(1);
        model.parameters().get(0).value().data[5] = Float.NaN;
        Path json = dir.resolve("torch.json");
        TorchModels.export(model, json);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> TorchModels.load(json));
        assertTrue(e.file().toString().endsWith(".npz"), e.getMessage());
        assertTrue(e.getMessage().contains("tensor " + model.parameters().get(0).name() + " holds NaN"),
                e.getMessage());
        assertTrue(Files.exists(json));
    }
}
