package dev.bottleneck.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.ConvArchitecture;
import dev.bottleneck.core.model.ConvSpec;
import dev.bottleneck.core.model.FactorVae;
import dev.bottleneck.core.model.FactorVaeConfig;
import dev.bottleneck.core.model.GradientModel;
import dev.bottleneck.core.model.LossTerms;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.core.model.Parameter;
import dev.bottleneck.core.model.Pca;
import dev.bottleneck.core.model.Shape;
import dev.bottleneck.core.model.TcVae;
import dev.bottleneck.core.model.TcVaeConfig;
import dev.bottleneck.core.model.Term;
import dev.bottleneck.core.model.VaeConfig;
import dev.bottleneck.core.model.VariationalAutoencoder;
import dev.bottleneck.core.train.TrainingHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved model loads as it was: same outputs, configs, history and metrics. */
class ModelStoreRoundTripTest {

    @TempDir
    Path dir;

    private final ModelStore store = new ModelStore("9.9.9-test");

    @Test
    void pcaRoundTripsExactly() throws IOException {
        SavedModel saved = TestModels.pca(TestModels.D, 3, 5);
        SavedModel loaded = saveAndLoad(saved);

        Pca before = (Pca) saved.model();
        Pca after = assertInstanceOf(Pca.class, loaded.model());
        assertEquals(before.config(), after.config());
        assertArrayEquals(before.mean(), after.mean());
        assertArrayEquals(before.components(), after.components());
        double[] v = before.allVariances();
        for (int i = 0; i < v.length; i++) {
            assertEquals((float) v[i], (float) after.allVariances()[i], "variance " + i + " (stored as float32)");
        }
        assertSameOutputs(before, after);
        assertNull(loaded.training());
        assertTrue(loaded.history().batches().isEmpty() && loaded.history().epochs().isEmpty());
        assertCommonFields(saved, loaded);
    }

    @Test
    void sparseDenoisingAutoencoderRoundTrips() throws IOException {
        SavedModel saved = TestModels.trained(TestModels.sparseDenoisingAe(), 3, 11,
                "bottleneck train --model ae --sparsity kl:0.3:0.1 --corruption masking:0.25");
        SavedModel loaded = saveAndLoad(saved);

        assertEquals(saved.model().config(), loaded.model().config());
        assertSameParameters(saved.model(), loaded.model());
        assertSameOutputs(saved.model(), loaded.model());
        assertEquals(saved.training(), loaded.training());
        assertSameHistory(saved.history(), loaded.history());
        assertCommonFields(saved, loaded);
    }

    @Test
    void betaVaeWithWarmupRoundTrips() throws IOException {
        VaeConfig config = TestModels.betaVae(List.of(7, 5), 2);
        SavedModel saved = TestModels.trained(config, 3, 12, "bottleneck train --model vae --beta 4 --warmup 2");
        SavedModel loaded = saveAndLoad(saved);

        VariationalAutoencoder vae = assertInstanceOf(VariationalAutoencoder.class, loaded.model());
        assertEquals(config, vae.config());
        assertEquals(4.0, vae.config().beta());
        assertEquals(2.0, vae.config().klWarmupEpochs());
        assertSameParameters(saved.model(), loaded.model());
        assertSameOutputs(saved.model(), loaded.model());
        float[] x = TestModels.data(5, TestModels.D, 3);
        assertEquals(saved.model().evaluate(x, x, 5, 9), loaded.model().evaluate(x, x, 5, 9));
        assertEquals(saved.training(), loaded.training());
        assertSameHistory(saved.history(), loaded.history());
        assertCommonFields(saved, loaded);
    }

    @Test
    void betaTcvaeRoundTripsWithItsWeightsAndTrainingSetSize() throws IOException {
        TcVaeConfig config = TcVaeConfig.standard(TestModels.D, List.of(7, 5), 2, 0.5, 6, 2);
        SavedModel saved = TestModels.trained(config, 2, 13,
                "bottleneck train --model beta-tcvae --beta 6 --alpha 0.5 --gamma 2");
        TcVaeConfig trained = assertInstanceOf(TcVaeConfig.class, saved.model().config());
        assertEquals(config.withTrainingSet(32, 8), trained, "the trainer put its 32 examples, 8 a batch, into the"
                + " objective");
        SavedModel loaded = saveAndLoad(saved);

        TcVae tc = assertInstanceOf(TcVae.class, loaded.model());
        assertEquals(trained, tc.config());
        assertSameParameters(saved.model(), loaded.model());
        assertSameOutputs(saved.model(), loaded.model());
        float[] x = TestModels.data(6, TestModels.D, 3);
        LossTerms before = saved.model().evaluate(x, x, 6, 9);
        assertEquals(before, loaded.model().evaluate(x, x, 6, 9), "the same N, the same estimate");
        assertTrue(before.has(Term.TOTAL_CORRELATION));
        assertSameHistory(saved.history(), loaded.history());
        assertTrue(loaded.history().epochs().get(0).validation().has(Term.INDEX_CODE_MI));
        assertCommonFields(saved, loaded);
        String json = Files.readString(dir.resolve("model").resolve(ModelStore.MODEL_FILE));
        assertTrue(json.contains("\"family\" : \"tcvae\""), json);
        assertTrue(json.contains("\"kind\" : \"BETA_TCVAE\""), json);
        assertTrue(json.contains("\"datasetSize\" : 32"), json);
        assertTrue(json.contains("\"batchSize\" : 8"), json);
    }

    /**
     * A FactorVAE's discriminator is saved and loaded with it (format 2's networks list it third), so the reopened
     * model reports the same TC and its next step computes the same gradients.
     */
    @Test
    void factorVaeRoundTripsWithItsDiscriminator() throws IOException {
        FactorVaeConfig config = FactorVaeConfig.standard(TestModels.D, List.of(7, 5), 2, 10)
                .withDiscriminator(List.of(9, 6), 1e-3);
        SavedModel saved = TestModels.trained(config, 2, 15,
                "bottleneck train --model factor-vae --gamma 10 --discriminator 9,6 --discriminator-lr 1e-3");
        SavedModel loaded = saveAndLoad(saved);

        FactorVae f = assertInstanceOf(FactorVae.class, loaded.model());
        assertEquals(config, f.config());
        assertSameParameters(saved.model(), loaded.model());
        assertTrue(f.parameters().stream().anyMatch(p -> p.name().equals("discriminator.2.weight")));
        assertSameOutputs(saved.model(), loaded.model());
        float[] x = TestModels.data(6, TestModels.D, 3);
        LossTerms before = saved.model().evaluate(x, x, 6, 9);
        assertEquals(before, loaded.model().evaluate(x, x, 6, 9), "the same D, the same TC estimate");
        assertTrue(before.value(Term.DISCRIMINATOR_TC) != 0);
        GradientModel a = (GradientModel) saved.model().copy();
        GradientModel b = (GradientModel) loaded.model();
        assertEquals(a.computeGradients(x, x, 6, 2, new java.util.SplittableRandom(4)),
                b.computeGradients(x, x, 6, 2, new java.util.SplittableRandom(4)), "training goes on from the same D");
        for (int i = 0; i < a.optimizedParameters().size(); i++) {
            assertArrayEquals(a.optimizedParameters().get(i).gradient().data,
                    b.optimizedParameters().get(i).gradient().data, a.optimizedParameters().get(i).name());
        }
        assertSameHistory(saved.history(), loaded.history());
        assertTrue(loaded.history().epochs().get(0).validation().has(Term.DISCRIMINATOR_ACCURACY));
        assertCommonFields(saved, loaded);
        String json = Files.readString(dir.resolve("model").resolve(ModelStore.MODEL_FILE));
        assertTrue(json.contains("\"family\" : \"factorvae\""), json);
        assertTrue(json.contains("\"kind\" : \"FACTOR_VAE\""), json);
        assertTrue(json.contains("\"name\" : \"discriminator\""), json);
        assertTrue(json.contains("\"activation\" : \"LEAKY_RELU\""), json);
    }

    @Test
    void convBetaTcvaeRoundTripsWithItsArchitecture() throws IOException {
        TcVaeConfig config = TcVaeConfig.standard(64, null, 2, 1, 4, 1).withConv(new ConvArchitecture(
                Shape.image(1, 8, 8), new ConvSpec(List.of(3), 4, 2, 1, List.of(6))));
        SavedModel saved = TestModels.trained(config, 1, 14, "bottleneck train --model conv-beta-tcvae --beta 4");
        SavedModel loaded = saveAndLoad(saved);
        assertEquals(ModelKind.CONV_BETA_TCVAE, loaded.model().config().kind());
        assertEquals(saved.model().config(), loaded.model().config());
        assertSameParameters(saved.model(), loaded.model());
        assertSameOutputs(saved.model(), loaded.model());
        float[] x = TestModels.data(4, 64, 3);
        assertEquals(saved.model().evaluate(x, x, 4, 9), loaded.model().evaluate(x, x, 4, 9));
    }

    @Test
    void nonFiniteNumbersInHistoryAndMetricsSurvive() throws IOException {
        SavedModel trained = TestModels.trained(TestModels.sparseDenoisingAe(), 1, 3, null);
        LossTerms diverged = LossTerms.builder().put(Term.LOSS, Double.NaN)
                .put(Term.RECONSTRUCTION, Double.POSITIVE_INFINITY).build();
        TrainingHistory history = new TrainingHistory(
                List.of(new TrainingHistory.BatchPoint(0.5, diverged)),
                List.of(new TrainingHistory.EpochPoint(1, diverged, null, 100, 0.1)));
        SavedModel saved = SavedModel.of(trained.model(), trained.training(), history, null, 3, 1, 0,
                Map.of("validation.loss", Double.NEGATIVE_INFINITY), null);
        SavedModel loaded = saveAndLoad(saved);
        assertSameHistory(history, loaded.history());
        assertEquals(saved.metrics(), loaded.metrics());
        assertNull(loaded.dataset());
        assertNull(loaded.command());
    }

    @Test
    void modelJsonIsReadableByPeople() throws IOException {
        Path folder = dir.resolve("vae");
        store.save(folder, TestModels.trained(TestModels.betaVae(List.of(5), 2), 1, 4, "bottleneck train"));
        String json = Files.readString(folder.resolve(ModelStore.MODEL_FILE));
        assertTrue(json.contains("\"formatVersion\" : 2"), json);
        assertTrue(json.contains("\"type\" : \"dense\""), json); // format 2: the layers, one by one
        assertTrue(json.contains("\"parameters\" : [ \"encoder.0.weight\", \"encoder.0.bias\" ]"), json);
        assertTrue(json.contains("\"family\" : \"vae\""), json);
        assertTrue(json.contains("\"kind\" : \"BETA_VAE\""), json);
        assertTrue(json.contains("\"app\" : \"Bottleneck 9.9.9-test\""), json);
        assertTrue(json.contains("\"name\" : \"encoder.0.weight\""), json);
        String history = Files.readString(folder.resolve(ModelStore.HISTORY_FILE));
        assertTrue(history.contains("\"LOSS\""), history);
        assertTrue(history.contains("\"KL\""), history);
        long floats = 0;
        for (Parameter p : store.load(folder).model().parameters()) {
            floats += p.value().size();
        }
        assertEquals(floats * Float.BYTES, Files.size(folder.resolve(ModelStore.PARAMETERS_FILE)));
    }

    @Test
    void defaultAppNamesTheBuildOrDevelopment() {
        assertTrue(new ModelStore().app().startsWith("Bottleneck "));
        assertEquals("Bottleneck 1.2.3", new ModelStore("1.2.3").app());
    }

    @Test
    void aFolderWithoutHistoryLoadsWithAnEmptyOne() throws IOException {
        Path folder = dir.resolve("ae");
        store.save(folder, TestModels.trained(TestModels.sparseDenoisingAe(), 1, 5, null));
        Files.delete(folder.resolve(ModelStore.HISTORY_FILE));
        SavedModel loaded = store.load(folder);
        assertTrue(loaded.history().batches().isEmpty());
        assertTrue(loaded.history().epochs().isEmpty());
    }

    private SavedModel saveAndLoad(SavedModel saved) throws IOException {
        Path folder = dir.resolve("model");
        store.save(folder, saved);
        try (var entries = Files.list(dir)) {
            assertEquals(List.of(folder), entries.toList(), "nothing but the model folder is left");
        }
        return store.load(folder);
    }

    private static void assertCommonFields(SavedModel saved, SavedModel loaded) {
        assertEquals(saved.dataset(), loaded.dataset());
        assertEquals(saved.seed(), loaded.seed());
        assertEquals(saved.epochsDone(), loaded.epochsDone());
        assertEquals(saved.bestEpoch(), loaded.bestEpoch());
        assertEquals(saved.metrics(), loaded.metrics());
        assertEquals(List.copyOf(saved.metrics().keySet()), List.copyOf(loaded.metrics().keySet()), "order kept");
        assertEquals(saved.command(), loaded.command());
        assertEquals(saved.createdAt(), loaded.createdAt());
        assertEquals(ModelStore.FORMAT_VERSION, loaded.formatVersion());
        assertEquals("Bottleneck 9.9.9-test", loaded.app());
    }

    private static void assertSameParameters(Autoencoder a, Autoencoder b) {
        List<Parameter> pa = a.parameters();
        List<Parameter> pb = b.parameters();
        assertEquals(pa.size(), pb.size());
        assertFalse(pa.isEmpty());
        for (int i = 0; i < pa.size(); i++) {
            assertEquals(pa.get(i).name(), pb.get(i).name());
            assertArrayEquals(pa.get(i).value().data, pb.get(i).value().data, pa.get(i).name());
        }
    }

    private static void assertSameOutputs(Autoencoder a, Autoencoder b) {
        int n = 7;
        float[] x = TestModels.data(n, a.inputDim(), 77);
        assertArrayEquals(a.encode(x, n), b.encode(x, n), "encode");
        float[] z = TestModels.data(n, a.latentDim(), 78);
        assertArrayEquals(a.decode(z, n), b.decode(z, n), "decode");
        assertArrayEquals(a.reconstruct(x, n), b.reconstruct(x, n), "reconstruct");
    }

    static void assertSameHistory(TrainingHistory a, TrainingHistory b) {
        assertFalse(a.epochs().isEmpty());
        assertEquals(a.batches(), b.batches());
        assertEquals(a.epochs(), b.epochs());
    }
}
