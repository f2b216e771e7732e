package dev.bottleneck.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bottleneck.core.model.FixedNoise;
import dev.bottleneck.core.model.LossTerms;
import dev.bottleneck.core.model.Term;
import dev.bottleneck.core.model.VaeConfig;
import dev.bottleneck.core.model.VariationalAutoencoder;
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
 * The beta-VAE's capacity objective (Burgess et al. 2018) of {@code bench/torch_dsprites_reference.py}, the one its
 * {@code --model beta-vae --capacity-max} runs train with, is {@link VariationalAutoencoder}'s: on the same weights,
 * batch and noise, mid-schedule (C = C_max t / E_C at t = 0.25 epochs), with C below the batch's KL and above it
 * (the gradient's KL part changes sign), the script's loss, reconstruction, KL, C and gradient with respect to every
 * parameter (computed in float64 from the float32 weights and inputs) match Bottleneck's. Also runs the script's own
 * {@code --self-test} (the schedule as training steps see it, and the gradient against Bottleneck's hand-written
 * one at C = KL too). Needs {@code /usr/bin/python3} with PyTorch; skipped elsewhere, as in CI.
 *
 * <p>Tolerances as {@link TorchTcVaeModelsTest}'s: the loss and reconstruction 1e-5 relative, the KL 1e-4 absolute,
 * every gradient 1e-4 of its norm. gamma 200 makes the KL's part of the gradient the larger one, so a wrong sign or C
 * fails the check (the test checks that it does).
 */
class TorchCapacityTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("bench/torch_dsprites_reference.py");
    private static final int D = 48;
    private static final int N = 8;
    private static final int K = 3;
    private static final float GAMMA = 200f;
    private static final float CAPACITY_EPOCHS = 1f;
    private static final double T = 0.25;

    @Test
    void referenceSelfTestPasses(@TempDir Path tmp) throws Exception {
        String out = python(tmp, "--self-test");
        assertTrue(out.contains("self-test passed"), out);
    }

    @Test
    void theCapacityObjectiveOfOneBatchAndItsGradientArePyTorchs(@TempDir Path tmp) throws Exception {
        double kl = initialKl();
        Run[] runs = new Run[2];
        double[] cOverKl = {0.5, 2.0}; // C below the KL, then above it
        for (int i = 0; i < 2; i++) {
            float cMax = (float) (cOverKl[i] * kl * CAPACITY_EPOCHS / T);
            Run r = run(tmp.resolve("c" + i), cMax);
            runs[i] = r;
            String at = "C/KL " + cOverKl[i] + ": ";
            assertEquals(cMax * T / CAPACITY_EPOCHS, r.ref.get("c").data()[0], 1e-6, at + "C at t = " + T);
            assertRelative(r.ref.get("loss").data()[0], r.terms.loss(), 1e-5, at + "the objective");
            assertRelative(r.ref.get("reconstruction").data()[0], r.terms.get(Term.RECONSTRUCTION).getAsDouble(),
                    1e-5, at + "reconstruction");
            assertEquals(r.ref.get("kl").data()[0], r.terms.get(Term.KL).getAsDouble(), 1e-4, at + "KL");
            double worst = TorchConvModelsTest.worstGradientError(r.vae, r.ref);
            assertTrue(worst <= 1e-4, at + "a gradient differs from PyTorch's by " + worst + " of its norm");
        }
        // The check sees the sign: Bottleneck's gradient with C below the KL against PyTorch's with C above it.
        double crossed = TorchConvModelsTest.worstGradientError(runs[0].vae, runs[1].ref);
        assertTrue(crossed > 0.1, "the sign of KL - C went unseen: " + crossed);
    }

    private record Run(VariationalAutoencoder vae, LossTerms terms, Map<String, Npz.Array> ref) {
    }

    /** Bottleneck's terms and gradient at t = T with C_max {@code cMax}, and the script's on the same batch. */
    private Run run(Path dir, float cMax) throws Exception {
        VariationalAutoencoder vae = model(cMax);
        Files.createDirectories(dir);
        TorchModels.export(vae, dir.resolve("m.json"));
        Map<String, Npz.Array> batch = new LinkedHashMap<>();
        batch.put("x", new Npz.Array(new int[] {N, D}, x()));
        batch.put("eps", new Npz.Array(new int[] {N, K}, eps()));
        batch.put("epochs_done", scalar((float) T));
        batch.put("c_max", scalar(cMax));
        batch.put("gamma", scalar(GAMMA));
        batch.put("capacity_epochs", scalar(CAPACITY_EPOCHS));
        Npz.write(dir.resolve("batch.npz"), batch);
        python(dir, "--check-capacity", dir.resolve("m.json").toString(), dir.resolve("batch.npz").toString(),
                dir.resolve("out.npz").toString());
        LossTerms terms = FixedNoise.gradients(vae, x(), N, T, eps());
        return new Run(vae, terms, Npz.read(dir.resolve("out.npz")));
    }

    /** The batch's KL at the initial weights (the same for every C_max: the weights come from the seed alone). */
    private static double initialKl() {
        return FixedNoise.gradients(model(1f), x(), N, T, eps()).get(Term.KL).getAsDouble();
    }

    private static VariationalAutoencoder model(float cMax) {
        VaeConfig c = VaeConfig.standard(D, List.of(16), K, 1.0).withCapacity(GAMMA, cMax, CAPACITY_EPOCHS);
        return new VariationalAutoencoder(c, 5);
    }

    private static float[] x() {
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[N * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        return x;
    }

    private static float[] eps() {
        SplittableRandom r = new SplittableRandom(2);
        float[] e = new float[N * K];
        for (int i = 0; i < e.length; i++) {
            e[i] = (float) r.nextGaussian();
        }
        return e;
    }

    private static Npz.Array scalar(float v) {
        return new Npz.Array(new int[0], new float[] {v});
    }

    /** Runs the script with {@code args}; skips the test where there is no /usr/bin/python3 with PyTorch. */
    private static String python(Path tmp, String... args) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && Files.exists(SCRIPT), "no /usr/bin/python3 or " + SCRIPT);
        Files.createDirectories(tmp);
        Path err = tmp.resolve("err.txt");
        List<String> cmd = new java.util.ArrayList<>(List.of(PYTHON.toString(), SCRIPT.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the script did not finish");
        String errors = Files.readString(err);
        assumeTrue(!errors.contains("No module named"), "no PyTorch or NumPy for /usr/bin/python3");
        assertEquals(0, p.exitValue(), out + errors);
        return out;
    }

    private static void assertRelative(double expected, double actual, double tolerance, String what) {
        assertTrue(Math.abs(actual - expected) <= tolerance * Math.abs(expected),
                what + " is " + actual + ", PyTorch's " + expected);
    }
}
