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

    @Test
    void cliNamesAreTheShippedOnes() {
        assertEquals(List.of("pca", "ae", "sparse-ae", "denoising-ae", "vae", "beta-vae"), ModelKind.cliNames());
        assertEquals(List.of("pca", "ae", "vae"), ModelKind.families());
        assertSame(ModelKind.BETA_VAE, ModelKind.fromCliName(" Beta_VAE ").orElseThrow());
        assertTrue(ModelKind.fromCliName("banana").isEmpty());
    }

    @Test
    void everyKindsDefaultConfigIsOfThatKindAndFamily() {
        for (ModelKind k : ModelKind.values()) {
            ModelConfig c = k.defaults(784);
            assertSame(k, c.kind(), k + "'s default config");
            assertSame(k.configType(), c.getClass());
            assertEquals(k.closedForm(), !k.has(ModelSetting.OPTIMISATION), k + ": closed form has no optimiser");
        }
        assertEquals(4.0, ((VaeConfig) ModelKind.BETA_VAE.defaults(784)).beta());
        assertEquals("masking:0.3", ((AutoencoderConfig) ModelKind.DENOISING_AE.defaults(784)).corruption());
        assertEquals(Sparsity.L1, ((AutoencoderConfig) ModelKind.SPARSE_AE.defaults(784)).sparsity());
    }

    @Test
    void settingsOfAConfigBuildTheSameConfigAgain() {
        List<ModelConfig> configs = List.of(new PcaConfig(20, 3),
                AutoencoderConfig.plain(20, List.of(8), 2).withSparsity(Sparsity.KL, 0.1, 0.2),
                AutoencoderConfig.plain(20, List.of(8), 2).withCorruption("gaussian:0.2"),
                VaeConfig.standard(20, List.of(8, 4), 3, 1.0).withWarmup(2),
                VaeConfig.standard(20, List.of(8), 3, 6.0).withCapacity(50, 25, 10)
                        .withLikelihood(Likelihood.GAUSSIAN, 0.3));
        for (ModelConfig c : configs) {
            assertEquals(c, c.kind().configure(c.inputDim(), c.settings()), c.describe());
        }
    }

    @Test
    void jsonFamilyComesFromTheRegistry() throws Exception {
        for (ModelKind k : ModelKind.values()) {
            ModelConfig c = k.defaults(30);
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
