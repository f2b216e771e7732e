package dev.bottleneck.cli;

import static dev.bottleneck.cli.CliErrorsTest.assertOneErrorLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.io.ModelStore;
import dev.bottleneck.core.io.SavedModel;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.core.model.TcVaeConfig;
import dev.bottleneck.core.model.Term;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The beta-TCVAE from the command line: {@code --model beta-tcvae --beta 6}, its weights' flags and their ranges. */
class BetaTcvaeCommandTest {

    @TempDir
    Path dir;

    @Test
    void betaTcvaeTrainsSavesTheTrainingSetSizeAndEvaluates() throws Exception {
        Path folder = dir.resolve("tcvae");
        CliRun run = CliRun.of("train", "--dataset", "shapes", "--count", "200", "--model", "beta-tcvae", "--beta",
                "6", "--alpha", "0.5", "--hidden", "32", "--latent", "3", "--epochs", "2", "--batch-size", "32",
                "--out", folder.toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("Model: beta-TCVAE 1024-32-(z=3)-32-1024, relu, bernoulli likelihood, beta 6 on"
                + " the total correlation, alpha 0.5 on the index-code MI, gamma 1 on the dimension-wise KL"), run::toString);
        assertTrue(run.out().contains("index-code MI"), "the epoch lines carry the three terms: " + run.out());
        SavedModel m = new ModelStore().load(folder);
        TcVaeConfig c = assertInstanceOf(TcVaeConfig.class, m.model().config());
        assertEquals(List.of(0.5, 6.0, 1.0), List.of(c.alpha(), c.beta(), c.gamma()));
        assertEquals(m.dataset().trainSize(), c.datasetSize(), "N is the training split's size");
        assertEquals(32, c.batchSize(), "M is the training batch's");
        assertTrue(m.history().epochs().get(0).train().has(Term.TOTAL_CORRELATION));
        assertTrue(m.metrics().containsKey("val.totalCorrelation"), m.metrics().toString());
        CliRun eval = CliRun.of("eval", "--model", folder.toString(), "--iwae", "0", "--json");
        assertEquals(0, eval.exit(), eval::toString);
        assertEquals("beta-TCVAE", eval.json().get("model").asText());
    }

    @Test
    void convBetaTcvaeTrainsOnImages() throws Exception {
        Path folder = dir.resolve("conv-tcvae");
        CliRun run = CliRun.of("train", "--dataset", "shapes", "--count", "120", "--model", "conv-beta-tcvae",
                "--conv", "4,4", "--conv-dense", "8", "--latent", "2", "--epochs", "1", "--batch-size", "30",
                "--out", folder.toString());
        assertEquals(0, run.exit(), run::toString);
        SavedModel m = new ModelStore().load(folder);
        assertEquals(ModelKind.CONV_BETA_TCVAE, m.model().config().kind());
        assertEquals(6.0, ((TcVaeConfig) m.model().config()).beta(), "the default weight of the TC");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "beta-tcvae|--beta|200|--beta: the weight of the total correlation must lie in [0, 100], not 200",
        "beta-tcvae|--beta|-1|--beta: the weight of the total correlation must lie in [0, 100], not -1",
        "beta-tcvae|--alpha|-0.5|--alpha: the weight of the index-code MI must lie in [0, 100], not -0.5",
        "conv-beta-tcvae|--gamma|NaN|--gamma: the weight of the dimension-wise KL must lie in [0, 100], not NaN",
        "beta-tcvae|--gamma|Infinity|--gamma: the weight of the dimension-wise KL must lie in [0, 100], not Infinity",
        "beta-vae|--gamma|10|--gamma weighs a part of the beta-TCVAE's KL term or FactorVAE's total correlation:"
                + " use it with --model beta-tcvae, conv-beta-tcvae, factor-vae or conv-factor-vae (the capacity"
                + " objective's gamma is --capacity-gamma)",
        "vae|--alpha|1|--alpha weighs a part of the beta-TCVAE's KL term",
    })
    void aWeightOutOfRangeIsRefusedBeforeTheDataLoadsWithTheRange(String model, String flag, String value,
            String expected) {
        List<String> args = new ArrayList<>(List.of("train", "--dataset", dir.resolve("not-there.csv").toString(),
                "--model", model, "--latent", "2"));
        args.add(flag);
        args.add(value);
        assertOneErrorLine(CliRun.of(args.toArray(String[]::new)), expected);
    }

    @Test
    void zeroWeightsAreAllowed() {
        CliRun run = CliRun.of("train", "--dataset", "moons", "--count", "100", "--likelihood", "gaussian",
                "--model", "beta-tcvae", "--beta", "0", "--alpha", "0", "--hidden", "8", "--latent", "2",
                "--epochs", "1");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("beta 0 on the total correlation, alpha 0 on the index-code MI"), run::toString);
    }
}
