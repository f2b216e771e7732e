package dev.bottleneck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What {@code train} prints: the choices it made for the user, in words a user reads. */
class TrainOutputTest {

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
