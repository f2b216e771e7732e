package dev.bottleneck.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.ConvArchitecture;
import dev.bottleneck.core.model.ConvSpec;
import dev.bottleneck.core.model.Shape;
import dev.bottleneck.core.model.VaeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the golden folders of format 1 that {@link GoldenFormat1Test} must load in every later version. Run once,
 * by hand, when format 1 was made, and never again (a later version writes a later format):
 *
 * <pre>
 *   mvn -o test -Dtest=GoldenModelWriter -Dbottleneck.writeGolden=true
 * </pre>
 *
 * It saves a tiny beta-VAE (input 6, hidden [5], latent 2) trained for two epochs, and a PCA (6 -> 2), into
 * {@code src/test/resources/golden/format1/{vae,pca}}, and beside them {@code expected.json}: the outputs of each
 * model on fixed inputs, computed from the model in memory before it was saved.
 */
class GoldenModelWriter {

    static final Path OUT = Path.of("src", "test", "resources", "golden", "format1");
    static final Instant CREATED = Instant.parse("2026-03-01T12:00:00Z");

    /** The inputs the golden test decodes and encodes; changing them means regenerating expected.json. */
    static final float[] VAE_LATENT = {0f, 0f, 1.5f, -0.5f, -2f, 1f};
    static final float[] PCA_LATENT = {0f, 0f, 1f, -1f};
    static final float[] INPUT = {0.1f, 0.9f, 0.3f, 0.5f, 0.7f, 0.2f, 0.8f, 0.4f, 0.0f, 1.0f, 0.6f, 0.3f};

    /** The golden VAE's architecture, as the golden test expects it to load. */
    static VaeConfig vaeConfig() {
        return VaeConfig.standard(6, List.of(5), 2, 4.0).withWarmup(1.5);
    }

    @Test
    @EnabledIfSystemProperty(named = "bottleneck.writeGolden", matches = "true")
    void writeGoldenFormat1() throws IOException {
        assertEquals(1, ModelStore.FORMAT_VERSION, "this writes the golden of format 1 only");
        ModelStore store = new ModelStore();
        SavedModel vae = withCreated(TestModels.trained(vaeConfig(), 2, 20260301L,
                "bottleneck train --data toy:random --model vae --hidden 5 --latent 2 --beta 4 --warmup 1.5"));
        SavedModel pca = withCreated(TestModels.pca(6, 2, 20260302L));
        store.save(OUT.resolve("vae"), vae);
        store.save(OUT.resolve("pca"), pca);

        ObjectNode expected = ModelJson.MAPPER.createObjectNode();
        expected.put("about", "Outputs of the golden models on fixed inputs, computed before saving by "
                + "GoldenModelWriter; GoldenFormat1Test compares the loaded models against them to 1e-6.");
        expected.set("vae", outputs(vae, VAE_LATENT, INPUT));
        expected.set("pca", outputs(pca, PCA_LATENT, INPUT));
        Files.write(OUT.resolve("expected.json"), ModelJson.MAPPER.writeValueAsBytes(expected));
    }

    /** Format 2's golden: a conv beta-VAE on 1x8x8 images (conv 4, 4 -> 2x2, dense 6, latent 2). */
    static final Path OUT2 = Path.of("src", "test", "resources", "golden", "format2");
    static final Instant CREATED2 = Instant.parse("2026-12-01T12:00:00Z");
    static final float[] IMAGES = new float[2 * 64];

    static {
        for (int i = 0; i < IMAGES.length; i++) {
            IMAGES[i] = ((i * 37) % 64) / 63f;
        }
    }

    /** The golden conv beta-VAE's architecture, as the golden test of format 2 expects it to load. */
    static VaeConfig convVaeConfig() {
        return VaeConfig.standard(64, null, 2, 4.0).withConv(new ConvArchitecture(Shape.image(1, 8, 8),
                new ConvSpec(List.of(4, 4), 4, 2, 1, List.of(6))));
    }

    @Test
    @EnabledIfSystemProperty(named = "bottleneck.writeGolden2", matches = "true")
    void writeGoldenFormat2() throws IOException {
        assertEquals(2, ModelStore.FORMAT_VERSION, "this writes the golden of format 2 only");
        SavedModel vae = TestModels.trained(convVaeConfig(), 2, 20261201L,
                "bottleneck train --model conv-beta-vae --conv 4,4 --conv-dense 6 --latent 2 --beta 4");
        vae = new SavedModel(vae.model(), vae.training(), vae.history(), vae.dataset(), vae.seed(), vae.epochsDone(),
                vae.bestEpoch(), vae.metrics(), vae.command(), vae.formatVersion(), vae.app(), CREATED2);
        new ModelStore().save(OUT2.resolve("conv-vae"), vae);
        ObjectNode expected = ModelJson.MAPPER.createObjectNode();
        expected.put("about", "Outputs of the golden models on fixed inputs, computed before saving by "
                + "GoldenModelWriter; GoldenFormat2Test compares the loaded models against them.");
        expected.set("conv-vae", outputs(vae, VAE_LATENT, IMAGES));
        Files.write(OUT2.resolve("expected.json"), ModelJson.MAPPER.writeValueAsBytes(expected));
    }

    private static SavedModel withCreated(SavedModel m) {
        return new SavedModel(m.model(), m.training(), m.history(), m.dataset(), m.seed(), m.epochsDone(),
                m.bestEpoch(), m.metrics(), m.command(), m.formatVersion(), m.app(), CREATED);
    }

    private static ObjectNode outputs(SavedModel saved, float[] latent, float[] input) {
        Autoencoder m = saved.model();
        int codes = latent.length / m.latentDim();
        int inputs = input.length / m.inputDim();
        ObjectNode node = ModelJson.MAPPER.createObjectNode();
        node.set("latent", array(latent));
        node.set("decoded", array(m.decode(latent, codes)));
        node.set("input", array(input));
        node.set("encoded", array(m.encode(input, inputs)));
        ObjectNode metrics = node.putObject("metrics");
        for (Map.Entry<String, Double> e : saved.metrics().entrySet()) {
            metrics.put(e.getKey(), e.getValue());
        }
        node.put("epochs", saved.history().epochs().size());
        node.put("batches", saved.history().batches().size());
        return node;
    }

    private static ArrayNode array(float[] values) {
        ArrayNode a = ModelJson.MAPPER.createArrayNode();
        for (float v : values) {
            a.add((double) v);
        }
        return a;
    }
}
