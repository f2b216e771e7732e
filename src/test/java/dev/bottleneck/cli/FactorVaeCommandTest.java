package dev.bottleneck.cli;

import static dev.bottleneck.cli.CliErrorsTest.assertOneErrorLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.io.ModelStore;
import dev.bottleneck.core.io.SavedModel;
import dev.bottleneck.core.model.FactorVaeConfig;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.core.model.Term;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * FactorVAE from the command line: {@code --model factor-vae --gamma 10 --discriminator 32,32}, the flags' ranges,
 * and the flags refused where they mean nothing.
 */
class FactorVaeCommandTest {

    @TempDir
    Path dir;

    @Test
    void factorVaeTrainsChartsTheDiscriminatorSavesAndEvaluates() throws Exception {
        Path folder = dir.resolve("factor");
        CliRun run = CliRun.of("train", "--dataset", "shapes", "--count", "200", "--model", "factor-vae", "--gamma",
                "10", "--discriminator", "32,32", "--discriminator-lr", "1e-3", "--hidden", "32", "--latent", "3",
                "--epochs", "2", "--batch-size", "32", "--out", folder.toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("Model: FactorVAE 1024-32-(z=3)-32-1024, relu, bernoulli likelihood, gamma 10 on"
                + " the total correlation, discriminator 3-32-32-1 (leaky ReLU, Adam at 0.001)"), run::toString);
        assertTrue(run.out().contains("discriminator accuracy"), "the epoch lines carry D's terms: " + run.out());
        SavedModel m = new ModelStore().load(folder);
        FactorVaeConfig c = assertInstanceOf(FactorVaeConfig.class, m.model().config());
        assertEquals(List.of(10.0, 1e-3), List.of(c.gamma(), c.discriminatorRate()));
        assertEquals(List.of(32, 32), c.discriminator());
        assertTrue(m.history().epochs().get(0).train().has(Term.DISCRIMINATOR_TC));
        assertTrue(m.metrics().containsKey("val.discriminatorTc"), m.metrics().toString());
        assertTrue(m.command().contains("--gamma 10 --discriminator 32,32 --discriminator-lr 1e-3"), m.command());
        CliRun eval = CliRun.of("eval", "--model", folder.toString(), "--iwae", "0", "--json");
        assertEquals(0, eval.exit(), eval::toString);
        assertEquals("FactorVAE", eval.json().get("model").asText());
        assertOneErrorLine(CliRun.of("export", "--model", folder.toString(), "--out",
                dir.resolve("f.json").toString()), "FactorVAE models cannot be exported to PyTorch yet");
    }

    @Test
    void convFactorVaeTrainsOnImagesWithTheDefaults() throws Exception {
        Path folder = dir.resolve("conv-factor");
        CliRun run = CliRun.of("train", "--dataset", "shapes", "--count", "120", "--model", "conv-factor-vae",
                "--conv", "4,4", "--conv-dense", "8", "--latent", "2", "--epochs", "1", "--batch-size", "30",
                "--out", folder.toString());
        assertEquals(0, run.exit(), run::toString);
        SavedModel m = new ModelStore().load(folder);
        assertEquals(ModelKind.CONV_FACTOR_VAE, m.model().config().kind());
        FactorVaeConfig c = (FactorVaeConfig) m.model().config();
        assertEquals(List.of(35.0, 1e-4), List.of(c.gamma(), c.discriminatorRate()), "Kim & Mnih's");
        assertEquals(FactorVaeConfig.DEFAULT_DISCRIMINATOR, c.discriminator());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "factor-vae|--gamma|600|--gamma: gamma (the weight of the total correlation) must lie in [0, 500], not 600",
        "conv-factor-vae|--gamma|-1|--gamma: gamma (the weight of the total correlation) must lie in [0, 500], not -1",
        "factor-vae|--discriminator-lr|2|--discriminator-lr: the discriminator's learning rate must lie in (0, 1),"
                + " not 2",
        "factor-vae|--discriminator|0|--discriminator: discriminator hidden layer sizes must be 1..8192, not [0]",
        "factor-vae|--alpha|1|--alpha has no place in FactorVAE's loss (reconstruction + KL + gamma TC): its weight"
                + " is --gamma",
        "factor-vae|--beta|4|--beta has no place in FactorVAE's loss (reconstruction + KL + gamma TC): its weight"
                + " is --gamma",
        "vae|--discriminator|64|--discriminator sets FactorVAE's discriminator: use it with --model factor-vae or"
                + " conv-factor-vae",
        "beta-tcvae|--discriminator-lr|1e-3|--discriminator-lr sets FactorVAE's discriminator",
    })
    void aBadFlagIsRefusedBeforeTheDataLoads(String model, String flag, String value, String expected) {
        List<String> args = new ArrayList<>(List.of("train", "--dataset", dir.resolve("not-there.csv").toString(),
                "--model", model, "--latent", "2"));
        args.add(flag);
        args.add(value);
        assertOneErrorLine(CliRun.of(args.toArray(String[]::new)), expected);
    }

    @Test
    void theHelpNamesThePapersDiscriminatorAndGamma() {
        CliRun help = CliRun.of("train", "--help");
        String out = help.out().replaceAll("\\s+", " ");
        assertTrue(out.contains("Kim & Mnih's is 1000,1000,1000,1000,1000,1000"), out);
        assertTrue(out.contains("factor-vae: weight of the total correlation its discriminator estimates, 0..500"
                + " (default: 35, Kim & Mnih's for dSprites)"), out);
    }
}
