package dev.bottleneck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bottleneck.core.io.ModelStore;
import dev.bottleneck.core.io.SavedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --out} then {@code eval} on tiny data: the folder reloads and eval reproduces the saved figures. */
class TrainEvalCommandTest {

    static final List<String> REQUIRED = List.of("reconstruction", "kl", "negElbo", "iwaeNll", "iwaeStdErr",
            "bitsPerDim", "msePerPixel", "activeUnits", "klPerDim", "split", "examples", "model");

    @TempDir
    static Path dir;

    static Path vae;
    static String[] vaeArgs;
    static CliRun vaeTraining;

    @BeforeAll
    static void trainVaeOnMoons() {
        vae = dir.resolve("moons-vae");
        vaeArgs = new String[] {"train", "--dataset", "moons", "--count", "300", "--likelihood", "gaussian",
            "--hidden", "16", "--latent", "1", "--epochs", "2", "--batch-size", "32", "--keep-best",
            "--out", vae.toString()};
        vaeTraining = CliRun.of(vaeArgs);
    }

    @Test
    void trainWritesALoadableModelWithItsCommandLine() throws Exception {
        assertEquals(0, vaeTraining.exit(), vaeTraining::toString);
        assertTrue(vaeTraining.out().strip().endsWith("Saved " + vae), vaeTraining::toString);
        SavedModel m = new ModelStore().load(vae);
        assertEquals("java -jar target/bottleneck.jar " + String.join(" ", vaeArgs), m.command());
        assertTrue(m.command().startsWith("java -jar target/bottleneck.jar train"));
        assertEquals("moons", m.dataset().spec());
        assertEquals(300, m.dataset().trainSize() + m.dataset().validationSize() + m.dataset().testSize());
        assertEquals(16, m.dataset().splitFingerprint().length());
        assertEquals(1, m.seed());
        assertEquals(2, m.epochsDone());
        assertTrue(m.bestEpoch() >= 1 && m.bestEpoch() <= 2, "best epoch " + m.bestEpoch());
        assertNotNull(m.training());
        assertEquals(2, m.history().epochs().size());
        for (String key : List.of("val.loss", "val.reconstruction", "val.kl", "val.negElbo", "val.msePerPixel",
                "test.loss", "test.reconstruction", "test.kl", "test.negElbo", "test.msePerPixel")) {
            assertTrue(m.metrics().containsKey(key), key + " in " + m.metrics());
        }
    }

    @Test
    void evalJsonReproducesTheTestFiguresSavedAtTraining() throws Exception {
        SavedModel m = new ModelStore().load(vae);
        CliRun run = CliRun.of("eval", "--model", vae.toString(), "--iwae", "10", "--iwae-examples", "20", "--json");
        assertEquals(0, run.exit(), run::toString);
        assertEquals("", run.err(), "no warning: the split is the one trained on");
        JsonNode j = run.json();
        assertTrue(j.isObject());
        for (String key : REQUIRED) {
            assertTrue(j.has(key), key + " missing in " + j);
        }
        assertEquals("test", j.get("split").asText());
        assertEquals("VAE", j.get("model").asText());
        assertEquals(m.dataset().testSize(), j.get("examples").asInt());
        assertEquals(1, j.get("klPerDim").size());
        assertTrue(j.get("splitAsTrained").asBoolean());
        assertEquals(m.metrics().get("test.reconstruction"), j.get("reconstruction").asDouble(), 1e-9);
        assertEquals(m.metrics().get("test.kl"), j.get("kl").asDouble(), 1e-9);
        assertEquals(m.metrics().get("test.negElbo"), j.get("negElbo").asDouble(), 1e-9);
        assertEquals(m.metrics().get("test.msePerPixel"), j.get("msePerPixel").asDouble(), 1e-9);
    }

    @Test
    void evalOfTheValidationSplitReproducesTheValidationFigures() throws Exception {
        SavedModel m = new ModelStore().load(vae);
        CliRun run = CliRun.of("eval", "--model", vae.toString(), "--split", "validation", "--iwae", "0", "--json");
        assertEquals(0, run.exit(), run::toString);
        JsonNode j = run.json();
        assertEquals("validation", j.get("split").asText());
        assertTrue(j.get("iwaeNll").isNull(), "K = 0 skips the IWAE estimate");
        assertEquals(m.metrics().get("val.reconstruction"), j.get("reconstruction").asDouble(), 1e-9);
    }

    /** --examples scores N examples spread over the split, as the app's views do, and shows no figure saved at training. */
    @Test
    void evalOfTheFirstExamplesScoresThemAlone() throws Exception {
        SavedModel m = new ModelStore().load(vae);
        int testSize = m.dataset().testSize();
        CliRun first = CliRun.of("eval", "--model", vae.toString(), "--iwae", "0", "--examples", "7", "--json");
        assertEquals(0, first.exit(), first::toString);
        assertEquals(7, first.json().get("examples").asInt());
        assertTrue(Math.abs(first.json().get("reconstruction").asDouble() - m.metrics().get("test.reconstruction"))
                > 0, "7 examples score otherwise than all " + testSize);
        CliRun all = CliRun.of("eval", "--model", vae.toString(), "--iwae", "0", "--examples",
                String.valueOf(testSize + 5), "--json");
        assertEquals(testSize, all.json().get("examples").asInt(), "more than the split asks for all of it");
        assertEquals(m.metrics().get("test.reconstruction"), all.json().get("reconstruction").asDouble(), 1e-9);

        CliRun table = CliRun.of("eval", "--model", vae.toString(), "--iwae", "0", "--examples", "7");
        assertTrue(table.out().contains("7 examples (spread over it, --examples)"), table.out());
        String recLine = table.out().lines().filter(l -> l.startsWith("reconstruction")).findFirst().orElseThrow();
        assertEquals(5, recLine.trim().split("\\s+").length,
                "name, value, three words of unit, no figure at training: " + recLine);
        CliRun bad = CliRun.of("eval", "--model", vae.toString(), "--examples", "-1");
        assertEquals(2, bad.exit(), bad::toString);
        assertTrue(bad.err().contains("--examples must be >= 0"), bad::toString);
    }

    @Test
    void evalPrintsATableWithoutJson() {
        CliRun run = CliRun.of("eval", "--model", vae.toString(), "--iwae", "5", "--iwae-examples", "10");
        assertEquals(0, run.exit(), run::toString);
        for (String word : List.of("reconstruction", "-ELBO", "IWAE -log p(x)", "active units", "KL per dim",
                "at training")) {
            assertTrue(run.out().contains(word), word + " in\n" + run.out());
        }
    }

    @Test
    void evalWarnsWhenTheDataChanged() {
        CliRun run = CliRun.of("eval", "--model", vae.toString(), "--dataset", "circles", "--iwae", "0", "--json");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.err().startsWith("warning: ") && run.err().contains("differs"), run::toString);
        assertFalse(run.json().get("splitAsTrained").asBoolean());
    }

    @Test
    void aFolderWithoutCommandFallsBackToItsDatasetWithDefaultFlags() throws Exception {
        Path folder = dir.resolve("moons-default");
        CliRun train = CliRun.of("train", "--dataset", "moons", "--model", "ae", "--likelihood", "gaussian",
                "--hidden", "8", "--latent", "1", "--epochs", "1", "--out", folder.toString());
        assertEquals(0, train.exit(), train::toString);
        ObjectMapper mapper = new ObjectMapper();
        Path manifest = folder.resolve(ModelStore.MODEL_FILE);
        ObjectNode tree = (ObjectNode) mapper.readTree(manifest.toFile());
        tree.putNull("command");
        mapper.writeValue(manifest.toFile(), tree);

        CliRun run = CliRun.of("eval", "--model", folder.toString(), "--json");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.err().contains("records no train command"), run::toString);
        assertFalse(run.err().contains("differs"), "defaults rebuild the same split: " + run.err());
        assertTrue(run.json().get("splitAsTrained").asBoolean());
        assertEquals("AE", run.json().get("model").asText());
    }

    @Test
    void pcaOnShapesTrainsAndEvaluates() throws Exception {
        Path folder = dir.resolve("shapes-pca");
        CliRun train = CliRun.of("train", "--dataset", "shapes", "--count", "300", "--model", "pca", "--latent", "8",
                "--out", folder.toString());
        assertEquals(0, train.exit(), train::toString);
        SavedModel m = new ModelStore().load(folder);
        assertTrue(m.metrics().get("pca.varianceExplained") > 0);
        assertEquals(null, m.training());

        CliRun run = CliRun.of("eval", "--model", folder.toString(), "--json");
        assertEquals(0, run.exit(), run::toString);
        JsonNode j = run.json();
        assertEquals("PCA", j.get("model").asText());
        assertEquals(60, j.get("examples").asInt());
        assertTrue(j.get("reconstruction").isNull(), "PCA has no likelihood");
        assertTrue(j.get("klPerDim").isNull());
        assertEquals(m.metrics().get("test.msePerPixel"), j.get("msePerPixel").asDouble(), 1e-9);
        assertTrue(j.has("mig") && j.get("migPerFactor").has("shape"), "shapes has factors: " + j);

        CliRun table = CliRun.of("eval", "--model", folder.toString());
        assertEquals(0, table.exit(), table::toString);
        assertTrue(table.out().contains("MIG"), table.out());
    }

    @Test
    void trainWithoutOutSavesNothing() throws Exception {
        Path before = dir.resolve("nothing");
        CliRun run = CliRun.of("train", "--dataset", "moons", "--count", "100", "--model", "pca", "--latent", "1");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("Not saved"), run.out());
        assertFalse(Files.exists(before));
    }
}
