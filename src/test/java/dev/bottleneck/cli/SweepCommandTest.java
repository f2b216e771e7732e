package dev.bottleneck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code sweep} on a toy set: one JSON object, or a table, with a PCA and an AE value per latent size. */
class SweepCommandTest {

    private static final String[] MOONS = {"sweep", "--dataset", "moons", "--count", "200", "--sizes", "1,2",
        "--hidden", "8", "--epochs", "1", "--batch-size", "32"};

    private static String[] with(String... extra) {
        String[] args = new String[MOONS.length + extra.length];
        System.arraycopy(MOONS, 0, args, 0, MOONS.length);
        System.arraycopy(extra, 0, args, MOONS.length, extra.length);
        return args;
    }

    @Test
    void printsOneJsonObjectWithBothCurves() {
        CliRun run = CliRun.of(with("--json"));
        assertEquals(0, run.exit(), run.toString());
        JsonNode j = run.json();
        assertEquals("gaussian", j.get("likelihood").asText(), "auto picks gaussian for data outside [0, 1]");
        assertEquals(2, j.get("sizes").size());
        assertEquals(2, j.get("pca").size());
        assertEquals(2, j.get("ae").size());
        assertTrue(j.get("pca").get(1).asDouble() < j.get("pca").get(0).asDouble());
        assertEquals(0, j.get("pca").get(1).asDouble(), 1e-9, "PCA keeping both dimensions of moons is exact");
        assertTrue(j.get("ae").get(0).asDouble() > 0);
    }

    @Test
    void printsATableRowPerSize() {
        CliRun run = CliRun.of(MOONS);
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("latent |        PCA |         AE"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("\\s+1 \\| +[0-9.]+ \\| +[0-9.]+")), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("\\s+2 \\| +0\\.0+ \\| +[0-9.]+")), run.out());
    }

    @Test
    void refusesASizeAboveTheDataDimension() {
        CliRun run = CliRun.of("sweep", "--dataset", "moons", "--count", "100", "--sizes", "1,4", "--hidden", "8",
                "--epochs", "1");
        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.err().contains("latent size 4"), run.err());
    }

    @Test
    void refusesBernoulliOnDataOutsideTheUnitRange() {
        CliRun run = CliRun.of(with("--likelihood", "bernoulli"));
        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.err().contains("gaussian"), run.err());
    }
}
