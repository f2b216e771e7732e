package dev.bottleneck.cli;

import static dev.bottleneck.cli.CliErrorsTest.assertOneErrorLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bottleneck.core.MemoryBudget;
import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.model.NetworkSize;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 5: work too large for memory is refused before anything is allocated, on the total of the
 * dataset, the network, its optimiser state and a step's buffers, with one sentence that names the flag to change.
 * The test JVM has -Xmx3g; where the case needs a small heap, a budget is injected, and one test runs the real
 * command in a child JVM with -Xmx128m to show that no OutOfMemoryError escapes.
 */
class MemoryBoundsCommandTest {

    private static final String EIGHT_WIDE = String.join(",", Collections.nCopies(8, "8192"));

    @TempDir
    Path dir;

    @AfterEach
    void noBudget() {
        BottleneckCli.budgetForTests = null;
    }

    @Test
    void eightHiddenLayersOf8192AreRefusedNamingHidden() {
        CliRun run = CliRun.of("train", "--dataset", "moons", "--model", "ae", "--likelihood", "gaussian",
                "--hidden", EIGHT_WIDE, "--latent", "2", "--epochs", "1");
        assertOneErrorLine(run, "choose a smaller --hidden");
        assertTrue(run.err().contains("parameters with their gradients, Adam's state"), run::toString);
        assertFalse(run.out().contains("Model:"), "refused before the model was built: " + run);
    }

    @Test
    void aHugeBatchOnAnImageSetIsRefusedNamingBatchSize() {
        BottleneckCli.budgetForTests = new MemoryBudget(512L << 20);
        CliRun run = CliRun.of("train", "--dataset", "shapes", "--count", "20000", "--model", "ae", "--hidden",
                "512", "--latent", "8", "--batch-size", "2000000000", "--epochs", "1");
        assertOneErrorLine(run, "choose a smaller --batch-size");
        assertTrue(run.err().contains("work buffers for batches of 20,000"), "the batch is at most the data: " + run);
    }

    /** A batch larger than the data is the whole data: it trains, and allocates no more than that. */
    @Test
    void aBatchLargerThanTheDataTrainsOnTheWholeSet() {
        CliRun run = CliRun.of("train", "--dataset", "moons", "--count", "200", "--model", "ae", "--likelihood",
                "gaussian", "--hidden", "8", "--latent", "1", "--batch-size", "2000000000", "--epochs", "2");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("epoch 2/2"), run::toString);
    }

    @Test
    void twoHundredMillionToyPointsAreRefusedNamingCount() {
        long t0 = System.nanoTime();
        CliRun run = CliRun.of("train", "--dataset", "moons", "--count", "200000000", "--model", "ae",
                "--likelihood", "gaussian", "--hidden", "8", "--latent", "1", "--epochs", "1");
        assertOneErrorLine(run, "choose a smaller --count");
        assertTrue(run.err().contains("200,000,000 examples"), run::toString);
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "refused before generating anything");
    }

    @Test
    void aHugeImageSizeIsRefusedNamingTheFolderAndTheFlag() throws Exception {
        Path images = dir.resolve("faces");
        Files.createDirectories(images);
        for (int i = 0; i < 2; i++) {
            ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), "png",
                    images.resolve(i + ".png").toFile());
        }
        CliRun run = CliRun.of("train", "--dataset", images.toString(), "--image-size", "100000", "--model", "ae",
                "--hidden", "8", "--latent", "1", "--epochs", "1");
        assertOneErrorLine(run, images.toString());
        assertTrue(run.err().contains("10,000,000,000 numbers per example"), run::toString);
        assertTrue(run.err().contains("choose a smaller --image-size"), run::toString);
    }

    @Test
    void aHugeImageSizeThatFitsOneArrayButNotTheMemoryIsRefused() throws Exception {
        Path images = dir.resolve("faces");
        Files.createDirectories(images);
        for (int i = 0; i < 3; i++) {
            ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), "png",
                    images.resolve(i + ".png").toFile());
        }
        BottleneckCli.budgetForTests = new MemoryBudget(256L << 20);
        CliRun run = CliRun.of("train", "--dataset", images.toString(), "--image-size", "10000", "--model", "pca",
                "--latent", "1");
        assertOneErrorLine(run, "needs about");
        assertTrue(run.err().contains("this Java may use"), run::toString);
    }

    @Test
    void evalWithTwoBillionImportanceSamplesIsRefusedNamingIwae() {
        Path folder = trainVae();
        CliRun run = CliRun.of("eval", "--model", folder.toString(), "--iwae", "2000000000");
        assertOneErrorLine(run, "choose a smaller --iwae");
        assertTrue(run.err().contains("K = 2,000,000,000"), run::toString);
    }

    @Test
    void aConfigFarLargerThanItsParameterFileIsRefusedNamingTheFolder() throws Exception {
        Path folder = trainVae();
        ObjectNode manifest = manifest(folder);
        ArrayNode hidden = ((ObjectNode) manifest.get("modelConfig")).putArray("hidden");
        for (int i = 0; i < 8; i++) {
            hidden.add(8192);
        }
        writeManifest(folder, manifest);
        CliRun run = CliRun.of("eval", "--model", folder.toString());
        assertOneErrorLine(run, folder.toString());
        assertTrue(run.err().contains("the config asks for a VAE network of 939,737,094 parameters"), run::toString);
        assertTrue(run.err().contains("parameters.bin holds"), run::toString);
    }

    /** Config and index agree on a network too large for memory: refused before the parameter file is read. */
    @Test
    void aConsistentButHugeModelIsRefusedBeforeReadingIt() throws Exception {
        Path folder = trainVae();
        ObjectNode manifest = manifest(folder);
        ArrayNode hidden = ((ObjectNode) manifest.get("modelConfig")).putArray("hidden");
        for (int i = 0; i < 8; i++) {
            hidden.add(8192);
        }
        ((ObjectNode) manifest.get("parameters")).put("bytes", 4L * NetworkSize.parameters(
                new ObjectMapper().treeToValue(manifest.get("modelConfig"), ModelConfig.class)));
        writeManifest(folder, manifest);
        CliRun run = CliRun.of("eval", "--model", folder.toString());
        assertOneErrorLine(run, folder + ": too large to load: needs about 10.5 GB of memory");
    }

    @Test
    void anInputSizeNear2To31IsRefusedNamingTheFolderWithoutOverflow() throws Exception {
        Path folder = trainVae();
        ObjectNode manifest = manifest(folder);
        ((ObjectNode) manifest.get("modelConfig")).put("inputDim", Integer.MAX_VALUE - 3);
        writeManifest(folder, manifest);
        CliRun run = CliRun.of("eval", "--model", folder.toString());
        assertOneErrorLine(run, folder.toString());
        assertTrue(run.err().contains("input size 2,147,483,644"), run::toString);
        assertFalse(run.err().toLowerCase().contains("overflow"), run::toString);
    }

    /** The real heap, not an injected budget: a child JVM with -Xmx128m answers in words, never with an OOM. */
    @Test
    void aSmallHeapGetsWordsNotAnOutOfMemoryError() throws Exception {
        List<List<String>> cases = List.of(
                List.of("train", "--dataset", "moons", "--model", "ae", "--likelihood", "gaussian", "--hidden",
                        EIGHT_WIDE, "--latent", "2"),
                List.of("train", "--dataset", "moons", "--count", "20000000", "--model", "ae", "--likelihood",
                        "gaussian", "--hidden", "8", "--latent", "1"),
                List.of("train", "--dataset", "shapes", "--count", "200000", "--model", "ae", "--hidden", "64",
                        "--latent", "4"));
        for (List<String> args : cases) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx128m", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                    "dev.bottleneck.Main"));
            cmd.addAll(args);
            Path err = dir.resolve("err.txt");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectOutput(ProcessBuilder.Redirect
                    .DISCARD).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finishes: " + args);
            String text = Files.readString(err, StandardCharsets.UTF_8);
            assertEquals(2, p.exitValue(), args + "\n" + text);
            assertTrue(text.contains("this Java may use"), args + "\n" + text);
            assertFalse(text.contains("OutOfMemoryError") || text.contains("\tat "), args + "\n" + text);
        }
    }

    private Path trainVae() {
        Path folder = dir.resolve("vae");
        CliRun train = CliRun.of("train", "--dataset", "moons", "--count", "200", "--model", "vae", "--likelihood",
                "gaussian", "--hidden", "8", "--latent", "2", "--epochs", "1", "--out", folder.toString());
        assertEquals(0, train.exit(), train::toString);
        return folder;
    }

    private static ObjectNode manifest(Path folder) throws Exception {
        return (ObjectNode) new ObjectMapper().readTree(folder.resolve("model.json").toFile());
    }

    private static void writeManifest(Path folder, ObjectNode manifest) throws Exception {
        File f = folder.resolve("model.json").toFile();
        new ObjectMapper().writeValue(f, manifest);
    }
}
