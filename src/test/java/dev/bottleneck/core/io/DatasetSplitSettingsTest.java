package dev.bottleneck.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.data.SplitSettings;
import dev.bottleneck.core.model.Pca;
import dev.bottleneck.core.model.PcaConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** model.json carries the split's settings typed, the seed as a long; old folders derive them from the command. */
class DatasetSplitSettingsTest {

    private static final long SEED = 1L << 40; // above 2^31: an int would wrap it to 0

    @TempDir
    Path dir;

    private SavedModel pcaWith(DatasetInfo info, long seed, String command) {
        Pca pca = new Pca(new PcaConfig(TestModels.D, 2));
        pca.fit(TestModels.data(20, TestModels.D, 3), 20);
        return SavedModel.ofPca(pca, info, seed, Map.of(), command);
    }

    @Test
    void splitSettingsAndASeedAbove2To31SurviveASaveAndALoad() throws IOException {
        SplitSettings split = new SplitSettings(500, 0.25, SEED);
        DatasetInfo info = new DatasetInfo("mnist", 500, 100, 0, "sha256:00", split);
        Path folder = dir.resolve("m");
        new ModelStore("test").save(folder, pcaWith(info, SEED, "java -jar b.jar train --seed 7"));
        String json = Files.readString(folder.resolve(ModelStore.MODEL_FILE));
        assertTrue(json.contains("\"seed\" : 1099511627776"), json);

        SavedModel loaded = new ModelStore().load(folder);
        assertEquals(SEED, loaded.seed());
        assertEquals(split, loaded.dataset().split());
        // Typed values win over the command line, which here says something else.
        assertEquals(split, loaded.dataset().splitSettings(loaded.command(), loaded.seed()));
    }

    @Test
    void aFolderWithoutTypedSettingsDerivesThemFromItsCommand() throws IOException {
        DatasetInfo info = new DatasetInfo("mnist", 500, 100, 0, null); // as format 1 wrote it
        Path folder = dir.resolve("old");
        new ModelStore("test").save(folder, pcaWith(info, 5,
                "java -jar target/bottleneck.jar train --dataset mnist --train-size 500 --val-fraction=0.2 --seed "
                        + SEED));
        assertTrue(!Files.readString(folder.resolve(ModelStore.MODEL_FILE)).contains("\"split\""));

        SavedModel loaded = new ModelStore().load(folder);
        assertNull(loaded.dataset().split());
        assertEquals(new SplitSettings(500, 0.2, SEED), loaded.dataset().splitSettings(loaded.command(),
                loaded.seed()));
    }

    @Test
    void aCommandWithoutSplitFlagsGivesTheDefaultsAndTheModelsSeed() {
        DatasetInfo info = new DatasetInfo("mnist", 1, 1, 1, null);
        assertEquals(new SplitSettings(0, 0.1, SEED), info.splitSettings("bottleneck train --model pca", SEED));
        assertEquals(new SplitSettings(0, 0.1, SEED), info.splitSettings(null, SEED));
        assertEquals(new SplitSettings(0, 0.1, SEED), info.splitSettings("train --seed 'unterminated", SEED));
    }
}
