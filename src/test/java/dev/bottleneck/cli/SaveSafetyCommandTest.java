package dev.bottleneck.cli;

import static dev.bottleneck.cli.CliErrorsTest.assertOneErrorLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bottleneck.core.io.ModelStore;
import dev.bottleneck.core.io.PoisonedModels;
import dev.bottleneck.core.io.TorchModels;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.AutoencoderConfig;
import dev.bottleneck.core.io.SavedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /** Issue 10.4: eval printed "negElbo": null for a model with NaN weights; now it refuses the folder. */
    @Test
    void evalRefusesAModelWithANanWeight() throws Exception {
        Path folder = dir.resolve("m");
        CliRun train = CliRun.of("train", "--dataset", "moons", "--count", "200", "--model", "vae", "--likelihood",
                "gaussian", "--hidden", "8", "--latent", "1", "--epochs", "1", "--out", folder.toString());
        assertEquals(0, train.exit(), train::toString);
        String tensor = PoisonedModels.poison(folder, 0, 0, Float.NaN);
        CliRun eval = CliRun.of("eval", "--model", folder.toString(), "--json");
        assertOneErrorLine(eval, folder.resolve(ModelStore.PARAMETERS_FILE) + ": tensor " + tensor + " holds NaN");
        assertEquals("", eval.out());
    }

    @Test
    void importRefusesNanArraysAndWritesNothing() throws Exception {
        Autoencoder model = AutoencoderConfig.plain(4, List.of(3), 2).build(1);
        model.parameters().get(1).value().data[0] = Float.POSITIVE_INFINITY;
        Path json = dir.resolve("torch.json");
        TorchModels.export(model, json);
        Path out = dir.resolve("imported");
        CliRun run = CliRun.of("import", "--torch", json.toString(), "--out", out.toString());
        assertOneErrorLine(run, "tensor " + model.parameters().get(1).name() + " holds +Infinity");
        assertOneErrorLine(run, "torch.npz");
        assertFalse(Files.exists(out));
    }

    /** Issue 10.8 / 9.22: an --out that cannot be written is found before training, named as the user gave it. */
    @Test
    void anOutUnderAFileIsRefusedBeforeTraining() throws Exception {
        Path file = Files.writeString(dir.resolve("results"), "mine");
        Path out = file.resolve("model");
        CliRun run = train(out);
        assertOneErrorLine(run, out + ": cannot be made: " + file + " is a file, not a folder");
        assertFalse(run.out().contains("epoch 1/1"), "refused before training: " + run);
        assertEquals("mine", Files.readString(file));
    }

    @Test
    void anOutThatIsAFileIsRefusedBeforeTraining() throws Exception {
        Path out = Files.writeString(dir.resolve("model"), "mine");
        CliRun run = train(out);
        assertOneErrorLine(run, out + ": is a file, not a model folder");
        assertFalse(run.out().contains("epoch 1/1"), "refused before training: " + run);
    }

    @Test
    void anOutWithoutPermissionIsRefusedBeforeTraining() throws Exception {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        assumeTrue(Files.getFileStore(locked).supportsFileAttributeView("posix"), "POSIX permissions");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(locked), "running as root: permissions do not bite");
            Path out = locked.resolve("model");
            CliRun run = train(out);
            assertOneErrorLine(run, out + ": cannot save there: permission denied");
            assertFalse(run.out().contains("epoch 1/1"), "refused before training: " + run);
            assertFalse(run.err().contains(".tmp-") || run.err().contains(".probe-"), run::toString);
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static CliRun train(Path out) {
        return CliRun.of("train", "--dataset", "moons", "--count", "200", "--model", "ae", "--likelihood",
                "gaussian", "--hidden", "8", "--latent", "1", "--epochs", "1", "--out", out.toString());
    }

    /**
     * Issue 10.3: {@code --lr 1e3} saved blown-up parameters (test -ELBO 2.4e19) and exited 0. Now a run that
     * diverges at once saves nothing, and one that learned a little first saves its last good parameters; both warn
     * and exit 3.
     */
    @ParameterizedTest
    @CsvSource({"adam, 1e3, false", "adam, 1e6, false", "sgd, 0.05, true"})
    void aDivergedRunSavesOnlyTheLastGoodParametersWarnsAndExits3(String optimizer, String lr, boolean learned)
            throws Exception {
        Path out = dir.resolve("diverged");
        CliRun run = CliRun.of("train", "--dataset", "moons", "--model", "vae", "--likelihood", "gaussian",
                "--hidden", "16", "--latent", "1", "--epochs", "3", "--optimizer", optimizer, "--lr", lr,
                "--out", out.toString());
        assertEquals(3, run.exit(), run::toString);
        assertTrue(run.err().startsWith("warning: training diverged"), run::toString);
        assertEquals(1, run.err().strip().lines().count(), run::toString);
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run::toString);
        if (!learned) {
            assertTrue(run.err().contains("nothing was learned and nothing was saved"), run::toString);
            assertFalse(Files.exists(out), "nothing learned, nothing saved");
            return;
        }
        assertTrue(run.err().contains("saved the last good parameters (of epoch 1, batch "), run::toString);
        SavedModel saved = new ModelStore().load(out);
        double negElbo = saved.metrics().get("test.negElbo");
        assertTrue(Double.isFinite(negElbo) && negElbo < 1e4, "test -ELBO of the saved model: " + negElbo);
        CliRun eval = CliRun.of("eval", "--model", out.toString(), "--json");
        assertEquals(0, eval.exit(), eval::toString);
        assertTrue(eval.json().path("negElbo").isNumber(), eval.out());
    }
}
