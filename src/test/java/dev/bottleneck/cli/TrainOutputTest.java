package dev.bottleneck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
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

    /**
     * On data with factors each epoch's line ends with MIG and its gaps, on the validation examples the app shows;
     * data without factors print none.
     */
    @Test
    void epochLinesCarryMigOnDataWithFactorsOnly() throws Exception {
        CliRun run = CliRun.of("train", "--dataset", "shapes", "--count", "400", "--model", "beta-vae", "--hidden",
                "16", "--latent", "3", "--epochs", "2", "--batch-size", "64");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("MIG after each epoch: on 40 validation examples spread over the split"), run::toString);
        for (int epoch = 1; epoch <= 2; epoch++) {
            String mig = find("^epoch " + epoch + "/2 .*\\|  MIG ([0-9.]+) \\(shape [0-9.]+, ", run.out());
            double v = Double.parseDouble(mig);
            assertTrue(v >= 0 && v <= 1, mig);
        }
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            csv.append(i % 7).append(',').append(i % 5).append(',').append(i % 3).append('\n');
        }
        Path file = dir.resolve("plain.csv");
        Files.writeString(file, csv);
        CliRun plain = CliRun.of("train", "--dataset", file.toString(), "--hidden", "8", "--latent", "1", "--epochs",
                "1");
        assertEquals(0, plain.exit(), plain::toString);
        assertTrue(!plain.out().contains("MIG"), "a CSV file has no factors: " + plain);
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

    @Test
    void theModelIsSummarisedWithOnlyTheSettingsThatApply() {
        CliRun vae = CliRun.of("train", "--dataset", "moons", "--count", "200", "--hidden", "16", "--latent", "2",
                "--epochs", "1");
        assertEquals(0, vae.exit(), vae::toString);
        assertTrue(vae.out().contains("Model: VAE 2-16-(z=2)-16-2, relu, gaussian likelihood (sigma 0.1), beta 1\n"),
                vae::toString);
        assertTrue(!vae.out().contains("VaeConfig[") && !vae.out().contains("capacity"), vae::toString);

        CliRun ae = CliRun.of("train", "--dataset", "shapes", "--count", "100", "--model", "ae", "--hidden", "8",
                "--latent", "1", "--epochs", "1");
        assertEquals(0, ae.exit(), ae::toString);
        assertTrue(ae.out().contains("Model: AE 1024-8-(z=1)-8-1024, relu, bernoulli likelihood\n"), ae::toString);

        CliRun pca = CliRun.of("train", "--dataset", "moons", "--count", "200", "--model", "pca", "--latent", "1");
        assertEquals(0, pca.exit(), pca::toString);
        assertTrue(pca.out().contains("Model: PCA, 1 component of 2 inputs, fitted in closed form\n"), pca::toString);
        assertTrue(pca.out().contains("variance explained by 1 component: "), pca::toString);
    }

    @Test
    void oneEpochIsSingular() {
        CliRun run = CliRun.of("train", "--dataset", "moons", "--count", "200", "--model", "ae", "--hidden", "8",
                "--latent", "1", "--epochs", "1");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("\nTrained 1 epoch.\n"), run::toString);
    }

    @Test
    void evalSaysPcaHasNoEpochsAndCountsTheEpochsOfOthers() {
        Path pca = dir.resolve("pca");
        assertEquals(0, CliRun.of("train", "--dataset", "moons", "--count", "200", "--model", "pca", "--latent", "1",
                "--out", pca.toString()).exit());
        CliRun run = CliRun.of("eval", "--model", pca.toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains(": PCA, latent 1, fitted in closed form (no epochs), seed 1"), run::toString);
        assertTrue(!run.out().contains("0 epochs"), run::toString);

        Path ae = dir.resolve("ae");
        assertEquals(0, CliRun.of("train", "--dataset", "moons", "--count", "200", "--model", "ae", "--hidden", "8",
                "--latent", "1", "--epochs", "1", "--out", ae.toString()).exit());
        CliRun one = CliRun.of("eval", "--model", ae.toString());
        assertTrue(one.out().contains(": AE, latent 1, 1 epoch, seed 1"), one::toString);
    }

    @Test
    void withoutOutTrainSaysNotSavedBeforeTraining() {
        CliRun run = CliRun.of("train", "--dataset", "moons", "--count", "200", "--model", "ae", "--hidden", "8",
                "--latent", "1", "--epochs", "1");
        assertEquals(0, run.exit(), run::toString);
        int notice = run.out().indexOf("Not saved: no --out FOLDER");
        int firstEpoch = run.out().indexOf("epoch 1/1");
        assertTrue(notice >= 0 && firstEpoch > notice, run::toString);
    }

    @Test
    void withOutTrainDoesNotSayNotSaved() {
        CliRun run = CliRun.of("train", "--dataset", "moons", "--count", "200", "--model", "pca", "--latent", "1",
                "--out", dir.resolve("saved").toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(!run.out().contains("Not saved"), run::toString);
    }

    @Test
    void theMigRowsNameTheirFactor() {
        Path folder = dir.resolve("vae");
        assertEquals(0, CliRun.of("train", "--dataset", "moons", "--count", "300", "--hidden", "16", "--latent", "2",
                "--epochs", "1", "--out", folder.toString()).exit());
        CliRun run = CliRun.of("eval", "--model", folder.toString(), "--iwae", "0");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(Pattern.compile("^  factor 't' +[0-9.]+  gap: ", Pattern.MULTILINE).matcher(run.out()).find(),
                run::toString);
        assertTrue(!Pattern.compile("^ +t +[0-9.]+$", Pattern.MULTILINE).matcher(run.out()).find(), run::toString);
    }

    @Test
    void evalSaysWhichSplitItScoresInWords() {
        Path folder = dir.resolve("pca");
        assertEquals(0, CliRun.of("train", "--dataset", "moons", "--count", "200", "--model", "pca", "--latent", "1",
                "--out", folder.toString()).exit());
        CliRun test = CliRun.of("eval", "--model", folder.toString());
        assertEquals(0, test.exit(), test::toString);
        assertTrue(test.out().contains("Data     moons, test split: 40 examples\n"
                + "         the held-out test split of the dataset the model was trained on (never seen in training),\n"
                + "         rebuilt with the same examples as at training (the split's fingerprint matches)\n"),
                test::toString);
        assertTrue(!test.out().contains("the split it was trained on"), test::toString);
        CliRun val = CliRun.of("eval", "--model", folder.toString(), "--split", "validation");
        assertTrue(val.out().contains("the validation split held out while the model trained"), val::toString);
    }
}
