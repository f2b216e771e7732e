package dev.bottleneck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bottleneck.core.io.ModelStore;
import dev.bottleneck.core.io.SavedModel;
import dev.bottleneck.core.io.ShippedModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model in {@code models/} loads, stays under 5 MB, records the command that made it, and {@code eval}
 * reproduces the validation figures recorded when it was trained.
 */
class ShippedModelsTest {

    static List<Path> shipped() {
        List<Path> models = ShippedModels.list();
        assertFalse(models.isEmpty(), "no shipped models found in " + ShippedModels.directory());
        return models;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void loadsAndIsSmall(Path folder) throws IOException {
        SavedModel m = new ModelStore().load(folder);
        long bytes;
        try (Stream<Path> files = Files.list(folder)) {
            bytes = files.mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(bytes <= 5L * 1024 * 1024, folder + " takes " + bytes + " bytes");
        assertTrue(m.command() != null && m.command().startsWith("java -jar target/bottleneck.jar train"),
                m.command());
        assertTrue(m.command().contains("--out models/" + folder.getFileName()), m.command());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void evalReproducesTheRecordedValidationFigures(Path folder) throws IOException {
        Map<String, Double> recorded = new ModelStore().load(folder).metrics();
        CliRun run = CliRun.of("eval", "--model", folder.toString(), "--split", "validation", "--iwae", "0", "--json");
        assertEquals(0, run.exit(), run.toString());
        JsonNode json = run.json();
        assertTrue(json.get("splitAsTrained").asBoolean(), "the split was rebuilt as trained: " + run);
        int compared = 0;
        for (String key : List.of("reconstruction", "kl", "negElbo", "msePerPixel")) {
            Double want = recorded.get("val." + key);
            if (want != null && json.hasNonNull(key)) {
                assertEquals(want, json.get(key).asDouble(), 1e-9 * Math.max(1, Math.abs(want)), key);
                compared++;
            }
        }
        assertTrue(compared >= 1, "nothing to compare in " + recorded);
    }
}
