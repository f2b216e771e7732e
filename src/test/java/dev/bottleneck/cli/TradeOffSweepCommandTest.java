package dev.bottleneck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code sweep --over beta | capacity}: one beta-VAE per value on a small shapes set, a table row (or a JSON point)
 * per value with MIG, reconstruction, KL and active units; bad input refused in one line before any data loads.
 */
class TradeOffSweepCommandTest {

    private static final List<String> SMALL = List.of("--dataset", "shapes", "--count", "400", "--hidden", "16",
            "--latent", "3", "--epochs", "1", "--batch-size", "50");

    private static CliRun sweep(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("sweep"));
        all.addAll(List.of(args));
        all.addAll(SMALL);
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void aBetaSweepPrintsARowPerValueWithMigReconstructionAndKl() {
        CliRun run = sweep("--over", "beta", "--values", "1,8");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("beta-VAE 1024-16-(z=3)-16-1024, relu, bernoulli likelihood, beta swept"),
                run.out());
        assertTrue(run.out().contains("MIG on all of them"), run.out());
        assertTrue(run.out().contains("  beta |    MIG | recon nats/ex | MSE/pixel | KL nats/ex | active"), run.out());
        for (String beta : new String[] {"1", "8"}) {
            assertTrue(run.out().lines().anyMatch(l -> l.matches(
                    " +" + beta + " \\|  [01]\\.\\d{3} \\| +\\d+\\.\\d{3} \\| +0\\.\\d{6} \\| +-?\\d+\\.\\d{3} \\| +[0-3]/3")),
                    run.out());
        }
    }

    @Test
    void jsonHasAPointPerValueWithMigInTheUnitInterval() {
        CliRun run = sweep("--over", "beta", "--values", "2,4", "--json");
        assertEquals(0, run.exit(), run.toString());
        JsonNode j = run.json();
        assertEquals("beta", j.get("over").asText());
        assertEquals("beta-vae", j.get("model").asText());
        assertEquals(2, j.get("points").size());
        assertEquals("", j.get("migNote").asText());
        assertEquals(j.get("validation").asInt(), j.get("migExamples").asInt());
        for (int i = 0; i < 2; i++) {
            JsonNode p = j.get("points").get(i);
            assertEquals(i == 0 ? 2.0 : 4.0, p.get("value").asDouble());
            double mig = p.get("mig").asDouble();
            assertTrue(mig >= 0 && mig <= 1, "MIG " + mig);
            assertTrue(p.get("reconstruction").asDouble() > 0);
            assertTrue(p.get("msePerPixel").asDouble() > 0);
            assertEquals("", p.get("diverged").asText());
        }
    }

    @Test
    void aCapacitySweepSaysWhatCMaxZeroIs() {
        CliRun run = sweep("--over", "capacity", "--values", "0,5", "--capacity-gamma", "4");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("C_max = 0 is recon + 4 KL, the beta-VAE with beta = gamma"), run.out());
        assertTrue(run.out().contains("capacity C rising to C_max nats over 1 epochs, gamma 4"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("     0 | ")), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("     5 | ")), run.out());
    }

    @Test
    void dataWithoutFactorsLeavesTheMigColumnBlankWithOneLineOfReason() {
        CliRun run = CliRun.of("sweep", "--over", "beta", "--values", "1,2", "--dataset", "blobs", "--count", "200",
                "--hidden", "8", "--latent", "2", "--epochs", "1", "--batch-size", "50");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("no MIG: blobs has no ground-truth factors: MIG needs them"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches(" +1 \\| {8}\\| +-?\\d+\\.\\d{3} \\| .*")), run.out());
        assertEquals("", run.err());
    }

    @Test
    void badInputIsRefusedInOneLineNamingTheProblem() {
        String[][] cases = {
            {"--over", "beta", "--values", "1,-1"}, {"beta must lie in (0, 1000] for beta-vae, not -1"},
            {"--over", "beta", "--model", "ae"}, {"ae has no beta: sweep beta-vae, conv-beta-vae, beta-tcvae or"},
            {"--over", "beta", "--model", "vae"}, {"a VAE is the beta-VAE at beta = 1"},
            {"--over", "capacity", "--model", "beta-tcvae"}, {"beta-tcvae has no C_max: sweep beta-vae or"},
            {"--over", "capacity", "--values", "5,-2"}, {"C_max must lie in [0, 1000] nats, not -2"},
            {"--over", "gamma"}, {"--over must be latent, beta or capacity, not 'gamma'"},
            {"--over", "beta", "--sizes", "1,2"}, {"--sizes gives the latent sizes of --over latent"},
            {"--over", "beta", "--values", "2,2"}, {"2 is given twice"},
            {"--over", "beta", "--capacity-gamma", "10"}, {"--capacity-gamma is for --over capacity"},
            {"--over", "beta", "--mig-examples", "0"}, {"--mig-examples must be at least 1"},
        };
        for (int i = 0; i < cases.length; i += 2) {
            CliRun run = sweep(cases[i]);
            assertEquals(2, run.exit(), run.toString());
            assertTrue(run.err().contains(cases[i + 1][0]), String.join(" ", cases[i]) + " -> " + run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
            assertFalse(run.out().contains("Shapes:"), "refused before the data loads: " + run.out());
        }
        CliRun latent = CliRun.of("sweep", "--model", "beta-vae", "--dataset", "moons");
        assertEquals(2, latent.exit(), latent.toString());
        assertTrue(latent.err().contains("--model is for --over beta or capacity"), latent.err());
    }

    @Test
    void theLatentSweepTakesItsSizesAsValuesToo() {
        CliRun run = CliRun.of("sweep", "--over", "latent", "--values", "1,2", "--dataset", "moons", "--count",
                "200", "--hidden", "8", "--epochs", "1", "--batch-size", "32");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("\\s+2 \\| +0\\.0+ \\| +[0-9.]+")), run.out());
        CliRun both = CliRun.of("sweep", "--values", "1,2", "--sizes", "1,2", "--dataset", "moons");
        assertEquals(2, both.exit(), both.toString());
        assertTrue(both.err().contains("--sizes or --values, not both"), both.err());
        CliRun half = CliRun.of("sweep", "--values", "1.5", "--dataset", "moons");
        assertEquals(2, half.exit(), half.toString());
        assertTrue(half.err().contains("whole number"), half.err());
    }
}
