package dev.bottleneck.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bottleneck.core.model.Activation;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.ConvArchitecture;
import dev.bottleneck.core.model.ConvSpec;
import dev.bottleneck.core.model.FixedNoise;
import dev.bottleneck.core.model.LossTerms;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.core.model.Shape;
import dev.bottleneck.core.model.TcVae;
import dev.bottleneck.core.model.TcVaeConfig;
import dev.bottleneck.core.model.Term;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The beta-TCVAE made by {@code interop/export_torch.py --demo beta-tcvae} (committed under
 * {@code src/test/resources/interop}; the command is in {@code interop/README.md}) loads into Bottleneck with its
 * objective (alpha, beta, gamma, and the N and M of its estimator) and computes what PyTorch computed with the
 * script's {@code tcvae_loss}, the objective {@code bench/torch_dsprites_reference.py} trains with: the codes, the
 * reconstructions, and for one batch of 8 with the reparameterisation noise eps of the check file the objective, its
 * three estimated terms and its gradient with respect to every parameter. PyTorch computed the reference values in
 * float64 from the float32 weights, inputs and eps, so the differences are Bottleneck's float32 rounding.
 *
 * <p>Tolerances. Codes, reconstructions, the loss and the gradients as {@link TorchConvModelsTest} derives them
 * (1e-5 absolute, 1e-5 relative, 1e-4 of each gradient's norm); the nets here are smaller (dot products of at most
 * 48 terms), so those bounds hold with room.
 *
 * <p>The three terms, 1e-4 absolute. Bottleneck computes them in double from its float32 mu, logvar and z; those
 * carry the float32 rounding of two layers of dot products of at most 48 terms, 48 u = 3e-6 relative of values of
 * order 1 (|mu| <= 1.8 here). A term is a mean of log-sum-exps of sums of three log-densities; a log-density moves
 * with mu and z by (z - mu) / sigma^2 and with logvar by at most (z - mu)^2 / (2 sigma^2) + 1/2, where sigma^2 >=
 * exp(-2.9) = 0.055 in this batch and |z - mu| stays within a few units, so by up to about 50 times the input
 * error: 1.5e-4 per density in the worst case, reached only if every error had the same sign and the largest
 * factor. The log-sum-exp averages the densities and the mean over rows averages again, so 1e-4 leaves the
 * observed differences (1e-6 and below when written) far inside while a wrong N, weight or stratum moves a term by
 * 1e-2 or more ({@link #anotherDatasetSizeFailsTheCheck}).
 */
class TorchTcVaeModelsTest {

    private static final double OUTPUT_TOLERANCE = 1e-5;
    private static final double LOSS_TOLERANCE = 1e-5;
    private static final double TERM_TOLERANCE = 1e-4;
    private static final double GRADIENT_TOLERANCE = 1e-4;

    private static TcVae demo() throws Exception {
        return assertInstanceOf(TcVae.class, TorchModels.load(TorchModelsTest.resource("demo-beta-tcvae.json")));
    }

    private static Map<String, Npz.Array> check() throws Exception {
        return Npz.read(TorchModelsTest.resource("demo-beta-tcvae-check.npz"));
    }

    @Test
    void demoLoadsAsABetaTcvaeWithItsObjective() throws Exception {
        TcVae m = demo();
        TcVaeConfig c = m.config();
        assertEquals(ModelKind.BETA_TCVAE, c.kind());
        assertEquals(List.of(16), c.hidden());
        assertEquals(3, c.latentDim());
        assertEquals(Activation.ELU, c.activation());
        assertEquals(1.0, c.alpha());
        assertEquals(6.0, c.beta());
        assertEquals(1.0, c.gamma());
        assertEquals(64, c.datasetSize());
        assertEquals(8, c.batchSize());
    }

    @Test
    void demoEncodesAndReconstructsAsPyTorchDid() throws Exception {
        TcVae m = demo();
        Map<String, Npz.Array> ref = check();
        Npz.Array x = ref.get("x");
        int n = x.shape()[0];
        assertClose(ref.get("codes").data(), m.encode(x.data(), n), "codes");
        assertClose(ref.get("recon").data(), m.reconstruct(x.data(), n), "reconstructions");
    }

    @Test
    void theObjectiveOfOneBatchItsTermsAndItsGradientArePyTorchs() throws Exception {
        TcVae m = demo();
        Map<String, Npz.Array> ref = check();
        Npz.Array x = ref.get("x");
        int n = x.shape()[0];
        LossTerms terms = FixedNoise.gradients(m, x.data(), n, ref.get("eps").data());
        assertTrue(Math.abs(ref.get("mi").data()[0]) > 1 && Math.abs(ref.get("tc").data()[0]) > 0.1
                && Math.abs(ref.get("dim").data()[0]) > 0.1, "the demo's terms are far from 0, so they test something");
        assertRelative(ref.get("loss").data()[0], terms.loss(), LOSS_TOLERANCE, "the objective");
        assertRelative(ref.get("reconstruction").data()[0], terms.get(Term.RECONSTRUCTION).getAsDouble(),
                LOSS_TOLERANCE, "reconstruction");
        assertAbsolute(ref.get("kl").data()[0], terms.get(Term.KL).getAsDouble(), TERM_TOLERANCE, "KL");
        assertAbsolute(ref.get("mi").data()[0], terms.get(Term.INDEX_CODE_MI).getAsDouble(), TERM_TOLERANCE, "MI");
        assertAbsolute(ref.get("tc").data()[0], terms.get(Term.TOTAL_CORRELATION).getAsDouble(), TERM_TOLERANCE,
                "TC");
        assertAbsolute(ref.get("dim").data()[0], terms.get(Term.DIMENSION_WISE_KL).getAsDouble(), TERM_TOLERANCE,
                "dimension-wise KL");
        double worst = TorchConvModelsTest.worstGradientError(m, ref);
        assertTrue(worst <= GRADIENT_TOLERANCE, "a gradient differs from PyTorch's by " + worst + " of its norm");
    }

    /**
     * The check can fail, and N is part of it: the same batch estimated as if from a training set of 6,400 instead
     * of the 64 the JSON says moves MI and TC beyond the tolerance.
     */
    @Test
    void anotherDatasetSizeFailsTheCheck() throws Exception {
        TcVae m = demo();
        m.trainingSet(6400, 8);
        Map<String, Npz.Array> ref = check();
        Npz.Array x = ref.get("x");
        LossTerms terms = FixedNoise.gradients(m, x.data(), x.shape()[0], ref.get("eps").data());
        double mi = Math.abs(ref.get("mi").data()[0] - terms.get(Term.INDEX_CODE_MI).getAsDouble());
        assertTrue(mi > 100 * TERM_TOLERANCE, "MI moved by only " + mi);
        assertTrue(TorchConvModelsTest.worstGradientError(m, ref) > GRADIENT_TOLERANCE, "the gradient did not move");
    }

    /** Exporting the loaded demo writes back PyTorch's arrays and the objective's fields. */
    @Test
    void exportWritesBackTheArraysAndTheObjective(@TempDir Path tmp) throws Exception {
        TorchModels.export(demo(), tmp.resolve("back.json"));
        Map<String, Npz.Array> ours = Npz.read(tmp.resolve("back.npz"));
        Map<String, Npz.Array> theirs = Npz.read(TorchModelsTest.resource("demo-beta-tcvae.npz"));
        assertEquals(theirs.keySet(), ours.keySet());
        for (String k : theirs.keySet()) {
            assertArrayEquals(theirs.get(k).shape(), ours.get(k).shape(), k);
            assertArrayEquals(theirs.get(k).data(), ours.get(k).data(), k);
        }
        JsonNode theirJson = ModelJson.MAPPER.readTree(TorchModelsTest.resource("demo-beta-tcvae.json").toFile());
        JsonNode ourJson = ModelJson.MAPPER.readTree(tmp.resolve("back.json").toFile());
        for (String field : List.of("version", "family", "inputDim", "hidden", "latentDim", "activation",
                "likelihood", "parameters", "alpha", "beta", "gamma", "datasetSize", "batchSize")) {
            assertEquals(theirJson.get(field), ourJson.get(field), field);
        }
    }

    /** A conv beta-TCVAE with weights of its own and N, M filled in goes out and comes back as it was. */
    @Test
    void aConvBetaTcvaeRoundTripsWithItsWeightsAndEstimator(@TempDir Path tmp) throws Exception {
        TcVaeConfig config = TcVaeConfig.standard(96, null, 2, 0.5, 3, 2).withConv(new ConvArchitecture(
                Shape.image(1, 8, 12), new ConvSpec(List.of(4, 8), 4, 2, 1, List.of(16)))).withTrainingSet(5000, 64);
        Autoencoder model = config.build(3);
        TorchModels.export(model, tmp.resolve("c.json"));
        Autoencoder back = TorchModels.load(tmp.resolve("c.json"));
        assertEquals(ModelKind.CONV_BETA_TCVAE, back.config().kind());
        assertEquals(config, back.config());
        float[] x = new float[2 * 96];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 7) / 7f;
        }
        assertArrayEquals(model.reconstruct(x, 2), back.reconstruct(x, 2));
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(worst <= OUTPUT_TOLERANCE, what + " differ from PyTorch's by up to " + worst);
    }

    private static void assertRelative(double expected, double actual, double tolerance, String what) {
        assertTrue(Math.abs(actual - expected) <= tolerance * Math.abs(expected),
                what + " is " + actual + ", PyTorch's " + expected);
    }

    private static void assertAbsolute(double expected, double actual, double tolerance, String what) {
        assertTrue(Math.abs(actual - expected) <= tolerance, what + " is " + actual + ", PyTorch's " + expected
                + " (difference " + Math.abs(actual - expected) + ")");
    }
}
