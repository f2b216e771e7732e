package dev.bottleneck.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bottleneck.core.model.Activation;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.Likelihood;
import dev.bottleneck.core.model.Pca;
import dev.bottleneck.core.model.PcaConfig;
import dev.bottleneck.core.model.VaeConfig;
import dev.bottleneck.core.model.VariationalAutoencoder;
import dev.bottleneck.core.train.Optimizer;
import dev.bottleneck.core.train.TrainingConfig;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The golden folders of format 1 (written once by {@link GoldenModelWriter}) load in this version, as they were
 * written: same configs and metrics, and the same outputs on fixed inputs to 1e-6. Never regenerate them to make
 * this test pass: a failure here means this version can no longer read models its users have saved.
 */
class GoldenFormat1Test {

    private static final double TOLERANCE = 1e-6;

    @Test
    void loadsGoldenFormat1() throws IOException, URISyntaxException {
        JsonNode expected = ModelJson.MAPPER.readTree(golden("expected.json").toFile());
        ModelStore store = new ModelStore();

        SavedModel vae = store.load(golden("vae"));
        assertEquals(1, vae.formatVersion());
        assertEquals("Bottleneck development", vae.app());
        assertEquals(Instant.parse("2026-03-01T12:00:00Z"), vae.createdAt());
        VariationalAutoencoder model = assertInstanceOf(VariationalAutoencoder.class, vae.model());
        assertEquals(new VaeConfig(6, List.of(5), 2, Activation.RELU, Likelihood.BERNOULLI, 0.1, 4.0, 1.5, 0, 0, 0),
                model.config());
        assertEquals(new TrainingConfig(2, 8, Optimizer.Kind.ADAM, 0.01, 0.9, 20260301L, 0, 250), vae.training());
        assertEquals(new DatasetInfo("toy:random", 32, 8, 0, "sha256:0123abcd"), vae.dataset());
        assertEquals(20260301L, vae.seed());
        assertEquals(2, vae.epochsDone());
        assertEquals(2, vae.bestEpoch());
        assertEquals("bottleneck train --data toy:random --model vae --hidden 5 --latent 2 --beta 4 --warmup 1.5",
                vae.command());
        assertOutputs(expected.get("vae"), vae);

        SavedModel pca = store.load(golden("pca"));
        assertEquals(1, pca.formatVersion());
        Pca p = assertInstanceOf(Pca.class, pca.model());
        assertEquals(new PcaConfig(6, 2), p.config());
        assertNull(pca.training());
        assertEquals(new DatasetInfo("toy:random", 40, 0, 0, null), pca.dataset());
        assertEquals(20260302L, pca.seed());
        assertEquals("bottleneck train --model pca", pca.command());
        assertOutputs(expected.get("pca"), pca);
    }

    private static void assertOutputs(JsonNode expected, SavedModel saved) {
        Autoencoder m = saved.model();
        float[] latent = floats(expected.get("latent"));
        float[] input = floats(expected.get("input"));
        assertClose(floats(expected.get("decoded")), m.decode(latent, latent.length / m.latentDim()), "decoded");
        assertClose(floats(expected.get("encoded")), m.encode(input, input.length / m.inputDim()), "encoded");
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : expected.get("metrics").properties()) {
            metrics.put(e.getKey(), e.getValue().doubleValue());
        }
        assertEquals(metrics, saved.metrics());
        assertEquals(expected.get("epochs").asInt(), saved.history().epochs().size());
        assertEquals(expected.get("batches").asInt(), saved.history().batches().size());
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOLERANCE, what + "[" + i + "]");
        }
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).doubleValue();
        }
        return out;
    }

    private static Path golden(String name) throws URISyntaxException {
        return Path.of(GoldenFormat1Test.class.getResource("/golden/format1/" + name).toURI());
    }
}
