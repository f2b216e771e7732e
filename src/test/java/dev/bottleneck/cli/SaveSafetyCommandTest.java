package dev.bottleneck.cli;

import static dev.bottleneck.cli.CliErrorsTest.assertOneErrorLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line never replaces what a user owns, and says why before it trains. */
class SaveSafetyCommandTest {

    @TempDir
    Path dir;

    /** Issue 10.1's reproduction, as given. */
    @Test
    void trainOutRefusesAProjectFolderWithAForeignModelJsonBeforeTraining() throws Exception {
        Path p = dir.resolve("p");
        Files.createDirectories(p.resolve("src"));
        Files.writeString(p.resolve("model.json"), "{\"format\":\"layers-model\"}\n");
        Files.writeString(p.resolve("thesis.tex"), "thesis\n");

        CliRun run = CliRun.of("train", "--dataset", "moons", "--model", "ae", "--likelihood", "gaussian",
                "--hidden", "8", "--latent", "1", "--epochs", "1", "--out", p.toString());
        assertOneErrorLine(run, p + ": not replacing it");
        assertOneErrorLine(run, "it holds other files: src/, thesis.tex");
        assertFalse(run.out().contains("epoch 1/1"), "refused before training: " + run);
        assertEquals("{\"format\":\"layers-model\"}\n", Files.readString(p.resolve("model.json")));
        assertEquals("thesis\n", Files.readString(p.resolve("thesis.tex")));
        assertEquals(true, Files.isDirectory(p.resolve("src")));
    }
}
