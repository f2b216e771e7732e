package dev.bottleneck.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bottleneck.core.model.Activation;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.AutoencoderConfig;
import dev.bottleneck.core.model.ConvArchitecture;
import dev.bottleneck.core.model.ConvSpec;
import dev.bottleneck.core.model.DeterministicAutoencoder;
import dev.bottleneck.core.model.Likelihood;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.core.model.NeuralConfig;
import dev.bottleneck.core.model.Parameter;
import dev.bottleneck.core.model.Shape;
import dev.bottleneck.core.model.Sparsity;
import dev.bottleneck.core.model.VaeConfig;
import dev.bottleneck.core.model.VariationalAutoencoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models made by {@code interop/export_torch.py --demo} (committed under {@code src/test/resources/interop}, with
 * PyTorch's own outputs in {@code NAME-check.npz}) load into Bottleneck and compute what PyTorch computed.
 */
class TorchModelsTest {

    private static final double TOLERANCE = 1e-5;

    @TempDir
    Path tmp;

    static Path resource(String name) throws Exception {
        return Path.of(TorchModelsTest.class.getResource("/interop/" + name).toURI());
    }

    @Test
    void demoAutoencoderReconstructsAsPyTorchDid() throws Exception {
        Autoencoder m = TorchModels.load(resource("demo-ae.json"));
        assertInstanceOf(DeterministicAutoencoder.class, m);
        assertEquals(AutoencoderConfig.plain(12, List.of(8), 3), m.config());
        matchesReference(m, resource("demo-ae-check.npz"));
    }

    @Test
    void demoVaeReconstructsFromThePosteriorMeanAsPyTorchDid() throws Exception {
        Autoencoder m = TorchModels.load(resource("demo-vae.json"));
        assertInstanceOf(VariationalAutoencoder.class, m);
        VaeConfig c = (VaeConfig) m.config();
        assertEquals(Activation.TANH, c.activation());
        assertEquals(List.of(8), c.hidden());
        assertEquals(3, c.latentDim());
        matchesReference(m, resource("demo-vae-check.npz"));
    }

    private static void matchesReference(Autoencoder m, Path check) throws IOException {
        Map<String, Npz.Array> ref = Npz.read(check);
        Npz.Array x = ref.get("x");
        int n = x.shape()[0];
        assertEquals(m.inputDim(), x.shape()[1]);
        assertClose(ref.get("codes").data(), m.encode(x.data(), n), "codes");
        assertClose(ref.get("recon").data(), m.reconstruct(x.data(), n), "reconstructions");
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(worst <= TOLERANCE, what + " differ from PyTorch's by up to " + worst);
    }

    @Test
    void exportThenLoadRoundTripsExactly() throws Exception {
        Autoencoder[] models = {
            VaeConfig.standard(10, List.of(7, 5), 2, 4.0).withActivation(Activation.ELU)
                    .withLikelihood(Likelihood.GAUSSIAN, 0.3).build(11),
            AutoencoderConfig.plain(9, List.of(6), 4).withActivation(Activation.SIGMOID).build(12),
            AutoencoderConfig.plain(9, List.of(), 3).withSparsity(Sparsity.KL, 0.5, 0.05).build(13)};
        for (Autoencoder m : models) {
            Path json = tmp.resolve("m" + m.hashCode() + ".json");
            TorchModels.export(m, json);
            Autoencoder back = TorchModels.load(json);
            assertEquals(m.getClass(), back.getClass());
            assertEquals(m.inputDim(), back.inputDim());
            assertEquals(m.latentDim(), back.latentDim());
            List<Parameter> a = m.parameters();
            List<Parameter> b = back.parameters();
            assertEquals(a.size(), b.size());
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i).name(), b.get(i).name());
                assertArrayEquals(a.get(i).value().data, b.get(i).value().data, a.get(i).name());
            }
            float[] x = new float[3 * m.inputDim()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (i % 7) / 7f;
            }
            assertArrayEquals(m.reconstruct(x, 3), back.reconstruct(x, 3));
        }
    }

    /** A conv beta-VAE (2 channels, not square) and a conv AE (stride 1, no dense layer), both built here. */
    private static Autoencoder[] convModels() {
        ConvArchitecture vaeNets = new ConvArchitecture(Shape.image(2, 8, 12),
                new ConvSpec(List.of(3, 5), 4, 2, 1, List.of(7)));
        ConvArchitecture aeNets = new ConvArchitecture(Shape.image(1, 6, 5), new ConvSpec(List.of(2), 3, 1, 1, null));
        return new Autoencoder[] {
            VaeConfig.standard(192, null, 2, 4.0).withActivation(Activation.TANH).withConv(vaeNets).build(21),
            AutoencoderConfig.plain(30, null, 3).withLikelihood(Likelihood.GAUSSIAN, 0.2).withConv(aeNets).build(22)};
    }

    @Test
    void convModelsRoundTripWithTheirArchitecture() throws Exception {
        for (Autoencoder m : convModels()) {
            Path json = tmp.resolve(m.config().kind().cliName() + ".json");
            TorchModels.export(m, json);
            Autoencoder back = TorchModels.load(json);
            assertEquals(m.config(), back.config());
            List<Parameter> a = m.parameters();
            List<Parameter> b = back.parameters();
            assertEquals(a.size(), b.size());
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i).name(), b.get(i).name());
                assertArrayEquals(a.get(i).value().data, b.get(i).value().data, a.get(i).name());
            }
            float[] x = new float[3 * m.inputDim()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (i % 7) / 7f;
            }
            assertArrayEquals(m.reconstruct(x, 3), back.reconstruct(x, 3));
        }
        assertEquals(ModelKind.CONV_BETA_VAE, TorchModels.load(tmp.resolve("conv-beta-vae.json")).config().kind());
    }

    /**
     * An MLP is still written as version 1, which readers older than convolutional models read; a conv model is
     * version 2 with its architecture under "conv" and no "hidden", and its convolution weights keep PyTorch's 4-D
     * shapes: Conv2d (out, in, kH, kW), ConvTranspose2d (in, out, kH, kW).
     */
    @Test
    void convModelsAreVersion2AndMlpsStayVersion1() throws Exception {
        Autoencoder mlp = AutoencoderConfig.plain(9, List.of(6), 4).build(12);
        TorchModels.export(mlp, tmp.resolve("mlp.json"));
        ObjectNode root = (ObjectNode) ModelJson.MAPPER.readTree(tmp.resolve("mlp.json").toFile());
        assertEquals(1, root.get("version").intValue());
        assertTrue(!root.has("conv") && root.has("hidden"), root.toString());

        Autoencoder vae = convModels()[0];
        TorchModels.export(vae, tmp.resolve("conv.json"));
        root = (ObjectNode) ModelJson.MAPPER.readTree(tmp.resolve("conv.json").toFile());
        assertEquals(2, root.get("version").intValue());
        assertTrue(!root.has("hidden"), root.toString());
        assertEquals(ModelJson.MAPPER.readTree("{\"image\": {\"channels\": 2, \"height\": 8, \"width\": 12}, "
                + "\"channels\": [3, 5], \"kernel\": 4, \"stride\": 2, \"padding\": 1, \"dense\": [7]}"),
                root.get("conv"));
        assertEquals(192, root.get("inputDim").intValue());
        Map<String, Npz.Array> arrays = Npz.read(tmp.resolve("conv.npz"));
        // encoder: conv 2->3, conv 3->5, flatten (5x2x3), dense 30->7, dense 7->4; decoder: dense 2->7, 7->30,
        // reshape, convT 5->3, convT 3->2
        assertArrayEquals(new int[] {3, 2, 4, 4}, arrays.get("encoder.0.weight").shape());
        assertArrayEquals(new int[] {5, 3, 4, 4}, arrays.get("encoder.1.weight").shape());
        assertArrayEquals(new int[] {7, 30}, arrays.get("encoder.3.weight").shape());
        assertArrayEquals(new int[] {4, 7}, arrays.get("encoder.4.weight").shape());
        assertArrayEquals(new int[] {30, 7}, arrays.get("decoder.1.weight").shape());
        assertArrayEquals(new int[] {5, 3, 4, 4}, arrays.get("decoder.3.weight").shape());
        assertArrayEquals(new int[] {3, 2, 4, 4}, arrays.get("decoder.4.weight").shape());
        assertArrayEquals(new int[] {2}, arrays.get("decoder.4.bias").shape());
        assertTrue(!arrays.containsKey("encoder.2.weight") && !arrays.containsKey("decoder.2.weight"),
                "flatten and reshape have no arrays");
    }

    @Test
    void exportWritesPyTorchLayout() throws Exception {
        Autoencoder m = TorchModels.load(resource("demo-vae.json"));
        Path json = tmp.resolve("again.json");
        TorchModels.export(m, json);
        Map<String, Npz.Array> ours = Npz.read(tmp.resolve("again.npz"));
        Map<String, Npz.Array> theirs = Npz.read(resource("demo-vae.npz"));
        assertEquals(theirs.keySet(), ours.keySet());
        for (String k : theirs.keySet()) {
            assertArrayEquals(theirs.get(k).shape(), ours.get(k).shape(), k);
            assertArrayEquals(theirs.get(k).data(), ours.get(k).data(), k);
        }
    }

    // ---- bad input: each answer names the file and the problem

    /** Copies the demo AE into the temp folder and returns its JSON. */
    private Path demoCopy() throws Exception {
        for (String f : List.of("demo-ae.json", "demo-ae.npz")) {
            Files.copy(resource(f), tmp.resolve(f));
        }
        return tmp.resolve("demo-ae.json");
    }

    private ModelFormatException refused(Path json) {
        return assertThrows(ModelFormatException.class, () -> TorchModels.load(json));
    }

    private static void says(ModelFormatException e, Path file, String... words) {
        assertEquals(file.getFileName(), e.file().getFileName(), e.getMessage());
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + w + "' not in: " + e.getMessage());
        }
    }

    @Test
    void missingArrayIsNamed() throws Exception {
        Path json = demoCopy();
        Path npz = tmp.resolve("demo-ae.npz");
        Map<String, Npz.Array> a = new LinkedHashMap<>(Npz.read(npz));
        a.remove("decoder.1.bias");
        Npz.write(npz, a);
        says(refused(json), npz, "missing array 'decoder.1.bias'", "(12,)");
    }

    @Test
    void wrongShapeIsNamed() throws Exception {
        Path json = demoCopy();
        Path npz = tmp.resolve("demo-ae.npz");
        Map<String, Npz.Array> a = new LinkedHashMap<>(Npz.read(npz));
        a.put("encoder.0.weight", new Npz.Array(new int[] {12, 8}, a.get("encoder.0.weight").data()));
        Npz.write(npz, a);
        says(refused(json), npz, "'encoder.0.weight'", "(12, 8)", "(8, 12)");
    }

    @Test
    void extraArrayIsNamed() throws Exception {
        Path json = demoCopy();
        Path npz = tmp.resolve("demo-ae.npz");
        Map<String, Npz.Array> a = new LinkedHashMap<>(Npz.read(npz));
        a.put("encoder.9.weight", new Npz.Array(new int[] {1}, new float[1]));
        Npz.write(npz, a);
        says(refused(json), npz, "unexpected", "encoder.9.weight");
    }

    @Test
    void float64IsRefused() throws Exception {
        Path json = demoCopy();
        Path npz = tmp.resolve("demo-ae.npz");
        NpzTest.writeRaw(npz, "encoder.0.weight", "<f8", "(8, 12)", new byte[8 * 96]);
        says(refused(json), npz, "'encoder.0.weight'", "'<f8'", "float32");
    }

    @Test
    void truncatedNpzIsRefused() throws Exception {
        Path json = demoCopy();
        Path npz = tmp.resolve("demo-ae.npz");
        byte[] bytes = Files.readAllBytes(npz);
        Files.write(npz, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        says(refused(json), npz, "truncated or corrupt");
    }

    @Test
    void missingNpzIsNamed() throws Exception {
        Path json = demoCopy();
        Files.delete(tmp.resolve("demo-ae.npz"));
        says(refused(json), tmp.resolve("demo-ae.npz"), "no such file");
    }

    @Test
    void missingJsonFieldIsNamed() throws Exception {
        Path json = demoCopy();
        ObjectNode root = (ObjectNode) ModelJson.MAPPER.readTree(json.toFile());
        root.remove("latentDim");
        ModelJson.writer().writeValue(json.toFile(), root);
        says(refused(json), json, "missing field 'latentDim'");
    }

    @Test
    void badJsonValuesAreNamed() throws Exception {
        Path json = demoCopy();
        ObjectNode root = (ObjectNode) ModelJson.MAPPER.readTree(json.toFile());
        root.put("activation", "swish");
        ModelJson.writer().writeValue(json.toFile(), root);
        says(refused(json), json, "activation 'swish'");
        root.put("activation", "relu");
        root.put("family", "gan");
        ModelJson.writer().writeValue(json.toFile(), root);
        says(refused(json), json, "family 'gan'");
        root.put("family", "ae");
        root.put("latentDim", 0);
        ModelJson.writer().writeValue(json.toFile(), root);
        says(refused(json), json, "latent size");
    }

    /** Exports the conv beta-VAE of {@link #convModels()} into the temp folder and returns its JSON. */
    private Path convCopy() throws Exception {
        Path json = tmp.resolve("conv.json");
        TorchModels.export(convModels()[0], json);
        return json;
    }

    private static void write(Path json, ObjectNode root) throws IOException {
        ModelJson.writer().writeValue(json.toFile(), root);
    }

    @Test
    void convFieldsOutsideVersion2AreRefused() throws Exception {
        Path json = convCopy();
        ObjectNode root = (ObjectNode) ModelJson.MAPPER.readTree(json.toFile());
        root.put("version", 1);
        write(json, root);
        says(refused(json), json, "field 'conv'", "version 2");
        root.put("version", 3);
        write(json, root);
        says(refused(json), json, "format version 3", "versions 1 to 2");
    }

    @Test
    void badConvFieldsAreNamed() throws Exception {
        Path json = convCopy();
        ObjectNode root = (ObjectNode) ModelJson.MAPPER.readTree(json.toFile());
        root.put("inputDim", 96);
        write(json, root);
        says(refused(json), json, "inputDim 96", "2x8x12", "192");
        root.put("inputDim", 192);
        ((ObjectNode) root.get("conv")).remove("kernel");
        write(json, root);
        says(refused(json), json, "missing field 'conv.kernel'");
        ((ObjectNode) root.get("conv")).put("kernel", 4).put("stride", 3);
        write(json, root);
        says(refused(json), json, "stride 3", "cannot give back");
        ((ObjectNode) root.get("conv")).put("stride", 2);
        root.putArray("hidden").add(8);
        write(json, root);
        says(refused(json), json, "field 'hidden' [8]", "conv.dense [7]");
    }

    @Test
    void aConvolutionWeightOfAnotherShapeIsNamedWithItsLayout() throws Exception {
        Path json = convCopy();
        Path npz = tmp.resolve("conv.npz");
        Map<String, Npz.Array> a = new LinkedHashMap<>(Npz.read(npz));
        // (in, out, kH, kW) of nn.ConvTranspose2d written as nn.Conv2d's (out, in, kH, kW)
        a.put("decoder.3.weight", new Npz.Array(new int[] {3, 5, 4, 4}, a.get("decoder.3.weight").data()));
        Npz.write(npz, a);
        says(refused(json), npz, "'decoder.3.weight'", "(3, 5, 4, 4)", "(5, 3, 4, 4)", "in x out x kH x kW");
    }

    @Test
    void pcaCannotBeExported() {
        Autoencoder pca = new dev.bottleneck.core.model.PcaConfig(4, 2).build(0);
        assertThrows(IllegalArgumentException.class, () -> TorchModels.export(pca, tmp.resolve("p.json")));
    }
}
