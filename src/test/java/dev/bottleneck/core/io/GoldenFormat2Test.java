package dev.bottleneck.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.core.model.Parameter;
import dev.bottleneck.core.model.VariationalAutoencoder;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden folder of format 2 (written once by {@link GoldenModelWriter#writeGoldenFormat2}), a convolutional
 * beta-VAE with its layers described in {@code model.json}, loads as it was written: same config, same layer
 * description, and the same outputs on fixed inputs. Never regenerate it to make this test pass.
 */
class GoldenFormat2Test {

    /** float32's unit roundoff. */
    private static final double U = 0x1p-24;
    /** The golden nets' largest fan-in: a 4x4 window over 4 channels (a dense layer has at most 16 inputs). */
    private static final int FAN_IN = 64;
    /** Layers an output passes through: encoder conv, conv, dense, dense; decoder dense, dense, convT, convT. */
    private static final int LAYERS = 8;

    /**
     * Another CPU's BLAS kernel sums in another order: each layer's dot products may then differ by up to
     * {@code FAN_IN u} of the sum of |terms|, which the golden's small weights keep below the output's scale plus 1,
     * and the differences of the layers add up (the nets' weights, below 1 in size, do not amplify them). So
     * {@code LAYERS * FAN_IN * u * (1 + |expected|)}: about 3e-5 for an output of 1.
     */
    private static double tolerance(double expected) {
        return LAYERS * FAN_IN * U * (1 + Math.abs(expected));
    }

    @Test
    void loadsGoldenFormat2() throws IOException, URISyntaxException {
        JsonNode expected = ModelJson.MAPPER.readTree(golden("expected.json").toFile()).get("conv-vae");
        SavedModel vae = new ModelStore().load(golden("conv-vae"));
        assertEquals(2, vae.formatVersion());
        assertEquals(Instant.parse("2026-12-01T12:00:00Z"), vae.createdAt());
        VariationalAutoencoder model = assertInstanceOf(VariationalAutoencoder.class, vae.model());
        assertEquals(GoldenModelWriter.convVaeConfig(), model.config());
        assertEquals(ModelKind.CONV_BETA_VAE, model.config().kind());
        assertOutputs(expected, model, 0);
        assertEquals(expected.get("epochs").asInt(), vae.history().epochs().size());
        for (Map.Entry<String, JsonNode> e : expected.get("metrics").properties()) {
            assertEquals(e.getValue().doubleValue(), vae.metrics().get(e.getKey()));
        }
    }

    @Test
    void aOnePercentWeightChangeFallsOutsideTheTolerance() throws IOException, URISyntaxException {
        JsonNode expected = ModelJson.MAPPER.readTree(golden("expected.json").toFile()).get("conv-vae");
        Autoencoder model = new ModelStore().load(golden("conv-vae")).model();
        Parameter first = model.parameters().get(0); // encoder.0.weight
        for (int i = 0; i < first.value().data.length; i++) {
            first.value().data[i] *= 1.01f;
        }
        first.value().changed();
        assertTrue(misses(expected, model) > 0, "a 1 % change of the first convolution must show");
    }

    @Test
    void aLayerDescriptionThatIsNotTheBuiltNetIsRefused(@TempDir Path tmp) throws IOException, URISyntaxException {
        Path copy = tmp.resolve("conv-vae");
        Files.createDirectories(copy);
        for (String f : new String[] {"model.json", "parameters.bin", "history.json"}) {
            Files.copy(golden("conv-vae").resolve(f), copy.resolve(f));
        }
        ObjectNode root = (ObjectNode) ModelJson.MAPPER.readTree(copy.resolve("model.json").toFile());
        ((ObjectNode) root.get("networks").get(1).get("layers").get(3)).put("stride", 1);
        ModelJson.MAPPER.writeValue(copy.resolve("model.json").toFile(), root);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new ModelStore().load(copy));
        assertTrue(e.getMessage().contains("model.json"), e.getMessage());
        assertTrue(e.getMessage().contains("layer 3 of the decoder"), e.getMessage());
    }

    private static void assertOutputs(JsonNode expected, Autoencoder m, int allowedMisses) {
        assertEquals(allowedMisses, misses(expected, m));
    }

    /** How many decoded and encoded numbers lie outside their tolerance. */
    private static int misses(JsonNode expected, Autoencoder m) {
        float[] latent = floats(expected.get("latent"));
        float[] input = floats(expected.get("input"));
        float[] decoded = m.decode(latent, latent.length / m.latentDim());
        float[] encoded = m.encode(input, input.length / m.inputDim());
        return count(floats(expected.get("decoded")), decoded) + count(floats(expected.get("encoded")), encoded);
    }

    private static int count(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        int n = 0;
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(expected[i] - actual[i]) <= tolerance(expected[i]))) {
                n++;
            }
        }
        return n;
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).doubleValue();
        }
        return out;
    }

    private static Path golden(String name) throws URISyntaxException {
        return Path.of(GoldenFormat2Test.class.getResource("/golden/format2/" + name).toURI());
    }
}
