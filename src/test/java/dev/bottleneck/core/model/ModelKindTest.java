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
                "conv-beta-vae"), ModelKind.cliNames());
        assertEquals(List.of("pca", "ae", "vae"), ModelKind.families());
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
                        .withConv(ConvArchitecture.defaultFor(MNIST)));
        for (ModelConfig c : configs) {
            assertEquals(c, c.kind().configure(c.inputShape(), c.settings()), c.describe());
        }
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
