package dev.bottleneck.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bottleneck.core.data.Factors;
import dev.bottleneck.core.io.NpyEntry;
import dev.bottleneck.core.io.Npz;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench/mig.py}, the MIG that the PyTorch reference ({@code bench/torch_dsprites_reference.py}) reports,
 * computes what {@link MutualInformationGap} computes on the same codes and factors: every mutual information, every
 * entropy, every gap, the top and second latent of each factor, and MIG. Skipped where {@code /usr/bin/python3} with
 * NumPy is not installed (CI).
 *
 * <p>The data are made to reach every branch: a discrete factor of 40 classes with a code dimension that follows it
 * and one that is its copy (a tie, which goes to the lower index on both sides, and a gap of 0), a continuous factor
 * of more than 20 distinct values (binned) and one of 5 (kept as classes), a constant factor (entropy 0: no gap, not
 * in the mean), a constant code dimension (one bin) and a code that is not finite (bin 0).
 *
 * <p>Tolerance 1e-12 absolute: both sides bin the same float32 codes with the same double arithmetic, so the
 * histograms are equal and only the order of the sums differs (NumPy sums pairwise, Java in order): a sum of at most
 * 20 x 40 terms of order 1 in double rounds by at most 800 x 2^-53 = 1e-13.
 */
class MigPythonAgreementTest {

    private static final double TOLERANCE = 1e-12;
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("bench/mig.py");

    @TempDir
    Path tmp;

    @Test
    void bottlenecksAndTheReferencesMigAgree() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && Files.exists(SCRIPT), "no /usr/bin/python3 or bench/mig.py here");
        int n = 3000;
        int k = 6;
        SplittableRandom rng = new SplittableRandom(11);
        float[] codes = new float[n * k];
        float[] factors = new float[n * 4];
        for (int i = 0; i < n; i++) {
            int rotation = rng.nextInt(40);
            float continuous = (float) rng.nextDouble();
            int five = rng.nextInt(5);
            factors[i * 4] = rotation;
            factors[i * 4 + 1] = continuous;
            factors[i * 4 + 2] = five * 0.25f;
            factors[i * 4 + 3] = 7f;
            codes[i * k] = rotation + (float) rng.nextGaussian();          // follows the rotation
            codes[i * k + 1] = codes[i * k];                               // its copy: a tie
            codes[i * k + 2] = continuous * 3 + 0.3f * (float) rng.nextGaussian();
            codes[i * k + 3] = five + 2f * (float) rng.nextGaussian();
            codes[i * k + 4] = 0.5f;                                       // constant: one bin
            codes[i * k + 5] = (float) rng.nextGaussian();                 // noise
        }
        codes[17 * k + 5] = Float.NaN;
        List<Boolean> discrete = List.of(true, false, false, false);
        Factors f = new Factors(List.of("rotation", "continuous", "five", "constant"), factors, discrete);
        MigResult java = MutualInformationGap.compute(codes, n, k, f);

        Map<String, NpyEntry> arrays = new LinkedHashMap<>();
        arrays.put("codes", new Npz.Array(new int[] {n, k}, codes));
        arrays.put("factors", new Npz.Array(new int[] {n, 4}, factors));
        arrays.put("factor_discrete", new NpyEntry.Booleans(new int[] {4}, new boolean[] {true, false, false,
            false}));
        Path file = tmp.resolve("codes.npz");
        Npz.write(file, arrays);
        Process p = new ProcessBuilder(PYTHON.toString(), SCRIPT.toString(), file.toString())
                .redirectError(tmp.resolve("err.txt").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "mig.py did not finish");
        String err = Files.readString(tmp.resolve("err.txt"));
        assumeTrue(!err.contains("No module named 'numpy'"), "no NumPy for /usr/bin/python3");
        assertEquals(0, p.exitValue(), err);
        JsonNode py = new ObjectMapper().readTree(out);

        assertEquals(java.mig(), py.get("mig").asDouble(), TOLERANCE, "MIG");
        for (int fi = 0; fi < 4; fi++) {
            assertEquals(java.factorEntropy()[fi], py.get("entropy").get(fi).asDouble(), TOLERANCE, "entropy " + fi);
            for (int j = 0; j < k; j++) {
                assertEquals(java.mutualInformation()[j][fi], py.get("mi").get(j).get(fi).asDouble(), TOLERANCE,
                        "I(z_" + j + "; v_" + fi + ")");
            }
            assertEquals(java.topLatent()[fi], py.get("top").get(fi).asInt(), "top latent of factor " + fi);
            assertEquals(java.secondLatent()[fi], py.get("second").get(fi).asInt(), "second latent of factor " + fi);
            if (Double.isNaN(java.gap()[fi])) {
                assertTrue(py.get("gap").get(fi).isNull(), "factor " + fi + " has no gap on either side");
            } else {
                assertEquals(java.gap()[fi], py.get("gap").get(fi).asDouble(), TOLERANCE, "gap " + fi);
            }
        }
        // The branches were reached: a tie, a constant factor, an informative factor.
        assertEquals(0, java.topLatent()[0]);
        assertEquals(1, java.secondLatent()[0]);
        assertEquals(0.0, java.gap()[0], 0.0);
        assertTrue(Double.isNaN(java.gap()[3]));
        assertTrue(java.gap()[1] > 0.1, "the continuous factor has a clear top latent: " + java.gap()[1]);
    }
}
