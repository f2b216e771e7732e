package dev.bottleneck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code train} prints: the choices it made for the user, in words a user reads. */
class TrainOutputTest {

    @TempDir
    Path dir;

    /** The one match of {@code regex}'s first group in {@code text}. */
    static String find(String regex, String text) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        assertTrue(m.find(), "'" + regex + "' in:\n" + text);
        return m.group(1);
    }

    @Test
    void trainAndEvalPrintTheSameTestMseForAVae() {
        Path folder = dir.resolve("vae");
        CliRun train = CliRun.of("train", "--dataset", "moons", "--count", "300", "--hidden", "16", "--latent", "2",
                "--epochs", "2", "--batch-size", "32", "--out", folder.toString());
        assertEquals(0, train.exit(), train::toString);
        String trainMse = find("^test: .*, MSE \\(posterior mean\\) ([0-9.]+)$", train.out());
        CliRun eval = CliRun.of("eval", "--model", folder.toString(), "--iwae", "0");
        assertEquals(0, eval.exit(), eval::toString);
        String evalMse = find("^MSE +([0-9.]+) +per pixel +([0-9.]+)$", eval.out());
        assertEquals(trainMse, evalMse, train + "\n" + eval);
        assertEquals(trainMse, find("^MSE +[0-9.]+ +per pixel +([0-9.]+)$", eval.out()), "as saved at training");
        // The epoch lines' MSE is the sampled one, and says so.
        assertTrue(train.out().contains("MSE (one sampled z) "), train::toString);
    }

    @Test
    void trainAndEvalPrintTheSameTestMseForAnAe() {
        Path folder = dir.resolve("ae");
        CliRun train = CliRun.of("train", "--dataset", "moons", "--count", "300", "--model", "ae", "--hidden", "16",
                "--latent", "1", "--epochs", "1", "--out", folder.toString());
        assertEquals(0, train.exit(), train::toString);
        CliRun eval = CliRun.of("eval", "--model", folder.toString());
        assertEquals(0, eval.exit(), eval::toString);
        assertEquals(find("^test: .*, MSE ([0-9.]+)$", train.out()),
                find("^MSE +([0-9.]+) +per pixel", eval.out()), train + "\n" + eval);
        assertTrue(!train.out().contains("sampled z"), "an AE samples nothing: " + train);
    }

    @Test
    void moonsTrainsWithTheDefaultLikelihoodWhichIsGaussian() {
        CliRun run = CliRun.of("train", "--dataset", "moons", "--count", "200", "--hidden", "8", "--latent", "1",
                "--epochs", "1");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("Likelihood: gaussian (auto: the data lies in ["), run::toString);
        assertTrue(run.out().contains("outside [0, 1]"), run::toString);
    }

    @Test
    void dataInTheUnitRangeGetsBernoulliByDefault() {
        CliRun run = CliRun.of("train", "--dataset", "shapes", "--count", "100", "--model", "ae", "--hidden", "8",
                "--latent", "1", "--epochs", "1");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("Likelihood: bernoulli (auto: the data lies in [0.0, 1.0], inside [0, 1])"),
                run::toString);
    }

    @Test
    void anExplicitLikelihoodIsNotAnnouncedAsChosen() {
        CliRun run = CliRun.of("train", "--dataset", "moons", "--count", "200", "--likelihood", "gaussian",
                "--hidden", "8", "--latent", "1", "--epochs", "1");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(!run.out().contains("auto:"), run::toString);
    }
}
