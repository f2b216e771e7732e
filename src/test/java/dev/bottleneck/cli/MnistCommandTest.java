package dev.bottleneck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bottleneck.core.io.ModelStore;
import dev.bottleneck.core.io.SavedModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The lines of the issue: they parse as written; a tiny MNIST run of the same shape trains, saves and evaluates. */
class MnistCommandTest {

    @TempDir
    Path dir;

    @Test
    void theIssuesCommandLinesParse() {
        CommandLine.ParseResult train = BottleneckCli.commandLine().parseArgs("train", "--dataset", "mnist",
                "--model", "vae", "--hidden", "512,256", "--latent", "16", "--beta", "1", "--epochs", "10",
                "--batch-size", "128", "--lr", "1e-3", "--seed", "1", "--out", "models/my-vae");
        TrainCommand t = (TrainCommand) train.subcommand().commandSpec().userObject();
        assertEquals(List.of(512, 256), t.modelOptions.hidden);
        assertEquals(1.0, t.modelOptions.beta);
        assertEquals(Path.of("models/my-vae"), t.out);
        t.modelOptions.validate();

        CommandLine.ParseResult pca = BottleneckCli.commandLine().parseArgs("train", "--dataset", "mnist",
                "--model", "pca", "--latent", "16", "--out", "models/my-pca");
        ((TrainCommand) pca.subcommand().commandSpec().userObject()).modelOptions.validate();

        CommandLine.ParseResult eval = BottleneckCli.commandLine().parseArgs("eval", "--model", "models/my-vae",
                "--split", "test", "--iwae", "100", "--iwae-examples", "1000", "--json");
        EvalCommand e = (EvalCommand) eval.subcommand().commandSpec().userObject();
        assertEquals(100, e.iwaeK);
        assertEquals(1000, e.iwaeExamples);
        assertTrue(e.json);

        CommandLine.ParseResult bench = BottleneckCli.commandLine().parseArgs("bench", "--model", "vae", "--hidden",
                "512,256", "--latent", "16", "--batch-size", "128", "--json");
        assertTrue(((BenchCommand) bench.subcommand().commandSpec().userObject()).json);
    }

    @Test
    void aTinyMnistVaeTrainsAndEvaluates() throws Exception {
        Path folder = dir.resolve("my-vae");
        CliRun train = CliRun.of("train", "--dataset", "mnist", "--model", "vae", "--train-size", "500",
                "--epochs", "1", "--hidden", "32", "--latent", "2", "--val-fraction", "0.1", "--out",
                folder.toString());
        assertEquals(0, train.exit(), train::toString);
        SavedModel m = new ModelStore().load(folder);
        assertEquals(500, m.dataset().trainSize());
        assertEquals(6000, m.dataset().validationSize());
        assertEquals(10000, m.dataset().testSize());

        CliRun eval = CliRun.of("eval", "--model", folder.toString(), "--split", "test", "--iwae", "5",
                "--iwae-examples", "50", "--json");
        assertEquals(0, eval.exit(), eval::toString);
        JsonNode j = eval.json();
        for (String key : TrainEvalCommandTest.REQUIRED) {
            assertTrue(j.has(key), key + " missing in " + j);
        }
        assertEquals(10000, j.get("examples").asInt());
        assertEquals(5, j.get("iwaeSamples").asInt());
        assertEquals(50, j.get("iwaeExamples").asInt());
        assertTrue(j.get("iwaeNll").asDouble() <= j.get("negElbo").asDouble() + 1, j::toString);
        assertEquals(m.metrics().get("test.reconstruction"), j.get("reconstruction").asDouble(), 1e-9);
    }
}
