package dev.bottleneck.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry of kinds: names, families, defaults and the round trip config -> settings -> config. */
class ModelKindTest {

    private static final Shape MNIST = Shape.image(1, 28, 28);

    @Test
    void cliNamesAreTheShippedOnes() {
        assertEquals(List.of("pca", "ae", "sparse-ae", "denoising-ae", "vae", "beta-vae", "conv-ae", "conv-vae",
                "conv-beta-vae", "beta-tcvae", "conv-beta-tcvae", "factor-vae", "conv-factor-vae"), ModelKind.cliNames());
        assertEquals(List.of("pca", "ae", "vae", "tcvae", "factorvae"), ModelKind.families());
        assertSame(ModelKind.BETA_VAE, ModelKind.fromCliName(" Beta_VAE ").orElseThrow());
        assertTrue(ModelKind.fromCliName("banana").isEmpty());
    }

    @Test
    void everyKindsDefaultConfigIsOfThatKindAndFamily() {
        for (ModelKind k : ModelKind.values()) {
            ModelConfig c = k.defaults(MNIST);
            assertSame(k, c.kind(), k + "'s default config");
            assertSame(k.configType(), c.getClass());
            assertEquals(k.closedForm(), !k.has(ModelSetting.OPTIMISATION), k + ": closed form has no optimiser");
        }
        assertEquals(4.0, ((VaeConfig) ModelKind.BETA_VAE.defaults(784)).beta());
        assertEquals("masking:0.3", ((AutoencoderConfig) ModelKind.DENOISING_AE.defaults(784)).corruption());
        assertEquals(Sparsity.L1, ((AutoencoderConfig) ModelKind.SPARSE_AE.defaults(784)).sparsity());
        assertEquals(4.0, ((VaeConfig) ModelKind.CONV_BETA_VAE.defaults(MNIST)).beta());
        assertEquals(ConvSpec.defaultFor(MNIST), ((VaeConfig) ModelKind.CONV_VAE.defaults(MNIST)).conv().spec());
        assertEquals(ConvSpec.burgess64(),
                ((VaeConfig) ModelKind.CONV_BETA_VAE.defaults(Shape.image(1, 64, 64))).conv().spec());
        TcVaeConfig tc = (TcVaeConfig) ModelKind.BETA_TCVAE.defaults(784);
        assertEquals(List.of(1.0, 6.0, 1.0, 0.0), List.of(tc.alpha(), tc.beta(), tc.gamma(), (double) tc.datasetSize()),
                "Chen et al.'s alpha = gamma = 1, beta 6 on the TC, N not known before training");
        assertEquals(ConvSpec.burgess64(),
                ((TcVaeConfig) ModelKind.CONV_BETA_TCVAE.defaults(Shape.image(1, 64, 64))).conv().spec());
        assertEquals(784, ModelKind.VAE.defaults(MNIST).inputDim(), "an MLP kind flattens an image");
        assertEquals(Shape.features(784), ModelKind.VAE.defaults(MNIST).inputShape());
    }

    @Test
    void aConvolutionalKindRefusesVectorsByName() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ModelKind.CONV_VAE.defaults(784));
        assertTrue(e.getMessage().contains("conv-vae needs image data"), e.getMessage());
        IllegalArgumentException odd = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ModelKind.CONV_AE.configure(Shape.image(1, 28, 28), ModelSettings.DEFAULTS.withConv(
                        new ConvSpec(List.of(8, 8, 8), 4, 2, 1, List.of(16)))));
        assertTrue(odd.getMessage().contains("cannot give back"), odd.getMessage()); // 28 -> 14 -> 7 -> 3 -> 6
    }

    @Test
    void everyKindsRowsAreTheSettingsItsConfigReads() {
        for (ModelKind k : ModelKind.values()) {
            assertEquals(k.needsImages(), k.has(ModelSetting.CONVOLUTIONS));
            assertFalse(k.has(ModelSetting.NETWORK) && k.has(ModelSetting.CONVOLUTIONS), k + ": MLP or conv nets");
        }
    }

    @Test
    void settingsOfAConfigBuildTheSameConfigAgain() {
        List<ModelConfig> configs = List.of(new PcaConfig(20, 3),
                AutoencoderConfig.plain(20, List.of(8), 2).withSparsity(Sparsity.KL, 0.1, 0.2),
                AutoencoderConfig.plain(20, List.of(8), 2).withCorruption("gaussian:0.2"),
                VaeConfig.standard(20, List.of(8, 4), 3, 1.0).withWarmup(2),
                VaeConfig.standard(20, List.of(8), 3, 6.0).withCapacity(50, 25, 10)
                        .withLikelihood(Likelihood.GAUSSIAN, 0.3),
                VaeConfig.standard(784, null, 5, 1.0).withConv(new ConvArchitecture(MNIST,
                        new ConvSpec(List.of(4, 8), 4, 2, 1, List.of(32, 16)))),
                VaeConfig.standard(784, null, 5, 2.0).withWarmup(3).withConv(ConvArchitecture.defaultFor(MNIST)),
                AutoencoderConfig.plain(784, null, 6).withActivation(Activation.TANH)
                        .withConv(ConvArchitecture.defaultFor(MNIST)),
                TcVaeConfig.standard(20, List.of(8), 3, 0.5, 9, 2).withLikelihood(Likelihood.GAUSSIAN, 0.2),
                TcVaeConfig.standard(784, null, 4, 1, 0, 1).withActivation(Activation.ELU)
                        .withConv(ConvArchitecture.defaultFor(MNIST)),
                FactorVaeConfig.standard(20, List.of(8), 3, 12).withDiscriminator(List.of(64, 32, 16), 3e-4)
                        .withLikelihood(Likelihood.GAUSSIAN, 0.2),
                FactorVaeConfig.standard(784, null, 4, 0).withActivation(Activation.LEAKY_RELU)
                        .withConv(ConvArchitecture.defaultFor(MNIST)));
        for (ModelConfig c : configs) {
            assertEquals(c, c.kind().configure(c.inputShape(), c.settings()), c.describe());
        }
    }

    @Test
    void theTrainingSetAndBatchSizesAreNoSettingsButTheConfigKeepsThem() throws Exception {
        TcVaeConfig c = TcVaeConfig.standard(20, List.of(8), 3, 1, 6, 1).withTrainingSet(54_000, 128);
        assertEquals(c.withTrainingSet(0, 0), c.kind().configure(c.inputShape(), c.settings()),
                "the form and the command line make the config before the data's size is known");
        String json = new ObjectMapper().writeValueAsString(c);
        assertTrue(json.contains("\"datasetSize\":54000"), json);
        assertEquals(c, new ObjectMapper().readValue(json, ModelConfig.class));
    }

    @Test
    void aBetaTcvaeSaysItsWeightsItsEstimatorAndItsBias() {
        TcVaeConfig c = TcVaeConfig.standard(256, List.of(64, 32), 6, 1, 6, 1);
        assertEquals("beta-TCVAE 256-64-32-(z=6)-32-64-256, relu, bernoulli likelihood, beta 6 on the total"
                + " correlation, alpha 1 on the index-code MI, gamma 1 on the dimension-wise KL", c.describe());
        String o = c.withTrainingSet(54_000, 128).objective();
        assertTrue(o.startsWith("loss = reconstruction + 1 MI + 6 TC + 1 dimension-wise KL (beta-TCVAE, Chen et al."
                + " 2018)"), o);
        assertTrue(o.contains("estimated on batches of 128 (validation too) by minibatch stratified sampling over"
                + " N = 54000 training examples"), o);
        assertTrue(o.contains("biased at small batches (MI reads high, the dimension-wise KL low, TC low at tens to"
                + " hundreds of examples and high at a handful)"), o);
        assertTrue(c.objective().contains("estimated on each batch (validation too) by minibatch stratified sampling"
                + " over the training set's N examples"), c.objective());
        assertTrue(c.withConv(ConvArchitecture.defaultFor(Shape.image(1, 16, 16))).describe()
                .startsWith("Conv beta-TCVAE 1x16x16-c32-c32-256-(z=6)-256-c32-c32-1x16x16"), "conv kind");
    }

    @Test
    void betaTcvaeWeightsOutOfRangeAreRefusedWithTheRange() {
        for (double[] w : new double[][] {{-1, 6, 1}, {1, 101, 1}, {1, 6, Double.NaN}, {1, Double.POSITIVE_INFINITY, 1}}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> TcVaeConfig.standard(20, List.of(8), 3, w[0], w[1], w[2]));
            assertTrue(e.getMessage().contains("must lie in [0, 100]"), e.getMessage());
        }
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ModelKind.BETA_TCVAE.configure(20, ModelSettings.DEFAULTS.withTcWeights(1.0, 6.0, -0.5)));
        assertEquals("gamma (the weight of the dimension-wise KL) must lie in [0, 100], not -0.5", e.getMessage());
    }

    @Test
    void aFactorVaeSaysItsGammaItsDiscriminatorAndItsEstimator() {
        FactorVaeConfig c = (FactorVaeConfig) ModelKind.FACTOR_VAE.configure(256, ModelSettings.DEFAULTS
                .withHidden(List.of(64, 32)).withLatent(6));
        assertEquals(List.of(35.0, 1e-4), List.of(c.gamma(), c.discriminatorRate()), "Kim & Mnih's gamma and rate");
        assertEquals(List.of(256, 256), c.discriminator(), "the smaller discriminator by default");
        assertEquals(List.of(6, 256, 256, 1), c.discriminatorWidths());
        assertEquals("FactorVAE 256-64-32-(z=6)-32-64-256, relu, bernoulli likelihood, gamma 35 on the total"
                + " correlation, discriminator 6-256-256-1 (leaky ReLU, Adam at 1.0E-4)", c.describe());
        assertTrue(c.objective().startsWith("loss = reconstruction + KL + 35 TC (FactorVAE, Kim & Mnih 2018), TC ="
                + " mean of log(D(z) / (1 - D(z))) over the batch's codes"), c.objective());
        assertEquals(NetworkSize.parameters(c), ((Autoencoder) c.build(1)).parameters().stream()
                .mapToLong(p -> p.value().size()).sum(), "the discriminator counts among the parameters");
        assertTrue(NetworkSize.tensorShapes(c).containsKey("discriminator.2.bias"));
        assertTrue(ModelKind.CONV_FACTOR_VAE.defaults(Shape.image(1, 64, 64)).describe()
                .startsWith("Conv FactorVAE 1x64x64-c32-c32-c32-c32-256-256-(z=16)"), "conv kind");
        for (double g : new double[] {-1, 501, Double.NaN}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, () -> FactorVaeConfig.standard(20, List.of(8), 3, g));
            assertTrue(e.getMessage().startsWith("gamma (the weight of the total correlation) must lie in [0, 500]"),
                    e.getMessage());
        }
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> c.withDiscriminator(List.of(), 1e-4));
        assertTrue(e.getMessage().contains("at least one hidden layer"), e.getMessage());
    }

    @Test
    void jsonFamilyComesFromTheRegistry() throws Exception {
        for (ModelKind k : ModelKind.values()) {
            ModelConfig c = k.needsImages() ? k.defaults(Shape.image(1, 8, 8)) : k.defaults(30);
            String json = new ObjectMapper().writeValueAsString(c);
            assertTrue(json.contains("\"family\":\"" + k.family() + "\""), json);
            assertEquals(c, new ObjectMapper().readValue(json, ModelConfig.class));
        }
    }

    @Test
    void closedFormIsPcaAlone() {
        for (ModelKind k : ModelKind.values()) {
            assertEquals(k == ModelKind.PCA, k.closedForm());
        }
        assertFalse(ModelKind.PCA.has(ModelSetting.NETWORK));
    }
}
