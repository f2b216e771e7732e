package dev.bottleneck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input gets one clear line and exit code 2; help gets exit code 0. */
class CliErrorsTest {

    @TempDir
    Path dir;

    /** One "error: ..." line that contains {@code expected}, exit code 2, no stack trace. */
    static void assertOneErrorLine(CliRun run, String expected) {
        assertEquals(2, run.exit(), run::toString);
        String err = run.err().strip();
        assertTrue(err.startsWith("error: "), run::toString);
        assertFalse(err.contains("\n"), "one line: " + run);
        assertTrue(err.contains(expected), "'" + expected + "' in: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void evalOfAMissingFolderNamesIt() {
        Path missing = dir.resolve("no-such-model");
        assertOneErrorLine(CliRun.of("eval", "--model", missing.toString()), missing.toString());
    }

    @Test
    void evalOfACorruptModelJsonNamesTheFile() throws Exception {
        Path folder = dir.resolve("pca");
        CliRun train = CliRun.of("train", "--dataset", "moons", "--count", "100", "--model", "pca", "--latent", "1",
                "--out", folder.toString());
        assertEquals(0, train.exit(), train::toString);
        Path manifest = folder.resolve("model.json");
        String text = Files.readString(manifest);
        Files.writeString(manifest, text.substring(0, text.length() / 2));
        CliRun run = CliRun.of("eval", "--model", folder.toString());
        assertOneErrorLine(run, manifest.toString());
        assertTrue(run.err().contains("JSON"), run::toString);
    }

    @Test
    void anUnknownModelKindIsRefused() {
        assertOneErrorLine(CliRun.of("train", "--dataset", "moons", "--model", "banana"),
                "--model must be pca, ae, sparse-ae, denoising-ae, vae, beta-vae, conv-ae, conv-vae, conv-beta-vae,"
                        + " beta-tcvae, conv-beta-tcvae, factor-vae or conv-factor-vae, not 'banana'");
    }

    @Test
    void betaCAndGammaOutOfRangeAreRefusedWithTheRange() {
        assertOneErrorLine(CliRun.of("train", "--dataset", "moons", "--model", "beta-vae", "--beta", "5000"),
                "--beta must lie in (0, 1000], not 5000.0");
        assertOneErrorLine(CliRun.of("train", "--dataset", "moons", "--model", "beta-vae", "--capacity-max", "-1"),
                "--capacity-max must lie in [0, 1000] nats, not -1.0");
        assertOneErrorLine(CliRun.of("train", "--dataset", "moons", "--model", "beta-vae", "--capacity-max", "25",
                "--capacity-gamma", "0"), "--capacity-gamma must lie in (0, 10000], not 0.0");
    }

    @Test
    void aLatentSizeOfZeroIsRefused() {
        assertOneErrorLine(CliRun.of("train", "--dataset", "moons", "--latent", "0"),
                "--latent: latent size must be 1..256, not 0");
    }

    @Test
    void aMaskingFractionAboveOneIsRefused() {
        assertOneErrorLine(CliRun.of("train", "--dataset", "moons", "--model", "denoising-ae",
                "--corruption", "masking:2"), "--corruption: masking fraction must be in [0, 1]");
    }

    @Test
    void aBadSplitIsRefused() {
        assertOneErrorLine(CliRun.of("eval", "--model", dir.toString(), "--split", "banana"),
                "--split must be test, validation or train");
    }

    @Test
    void bernoulliOnMoonsSuggestsGaussian() {
        assertOneErrorLine(CliRun.of("train", "--dataset", "moons", "--count", "100", "--likelihood", "bernoulli",
                "--hidden", "8", "--latent", "1", "--epochs", "1"), "use --likelihood gaussian");
    }

    @Test
    void aValueOfTheWrongTypeIsAParseError() {
        CliRun run = CliRun.of("train", "--latent", "abc");
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("Invalid value for option '--latent'"), run::toString);
        assertFalse(run.err().contains("\tat "), run::toString);
    }

    /** A flag picocli cannot parse: one error line and a pointer to --help, not the whole usage. */
    static void assertParseError(CliRun run, String expected, String verb) {
        assertEquals(2, run.exit(), run::toString);
        String[] lines = run.err().strip().split("\n");
        assertTrue(lines[0].startsWith("error: ") && lines[0].contains(expected), run::toString);
        assertEquals("Try 'bottleneck " + verb + " --help' for the options.", lines[lines.length - 1], run::toString);
        assertFalse(run.err().contains("Usage:") || run.out().contains("Usage:"), run::toString);
        assertTrue(lines.length <= 3, "at most error, suggestion, hint: " + run);
    }

    @Test
    void aNumberThatIsNotANumberGetsOneLineAndAHint() {
        CliRun run = CliRun.of("train", "--lr", "abc");
        assertParseError(run, "Invalid value for option '--lr': 'abc' is not a double", "train");
        assertEquals(2, run.err().strip().split("\n").length, run::toString);
    }

    @Test
    void anUnknownOptionGetsASuggestion() {
        CliRun run = CliRun.of("train", "--lrr", "3");
        assertParseError(run, "Unknown option", "train");
        assertTrue(run.err().contains("--lr"), run::toString);
    }

    @Test
    void aMissingRequiredOptionIsNamed() {
        assertParseError(CliRun.of("eval"), "Missing required option: '--model=FOLDER'", "eval");
    }

    @Test
    void anOutThatIsNotAModelFolderIsRefusedBeforeTraining() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        assertOneErrorLine(CliRun.of("train", "--dataset", "moons", "--model", "pca", "--latent", "1",
                "--out", dir.toString()), "holds other files: notes.txt");
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "eval", "bench"})
    void everyVerbHasHelp(String verb) {
        CliRun run = CliRun.of(verb, "--help");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().startsWith("Usage: bottleneck " + verb), run.out());
        CliRun viaHelp = CliRun.of("help", verb);
        assertEquals(0, viaHelp.exit(), viaHelp::toString);
        assertEquals(run.out(), viaHelp.out());
    }

    @Test
    void trainHelpSaysNothingIsSavedWithoutOut() {
        assertTrue(CliRun.of("train", "--help").out().contains("Without --out nothing is saved"));
    }

    @Test
    void topLevelHelpListsEval() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("eval"), run.out());
    }
}
