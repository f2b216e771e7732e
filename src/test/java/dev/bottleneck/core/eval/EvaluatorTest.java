package dev.bottleneck.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.model.AutoencoderConfig;
import dev.bottleneck.core.model.DeterministicAutoencoder;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.core.model.Pca;
import dev.bottleneck.core.model.PcaConfig;
import dev.bottleneck.core.model.VaeConfig;
import dev.bottleneck.core.model.VariationalAutoencoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private final Dataset data = EvalFixtures.binary(400, 8, 2);

    @Test
    void vaeReportFillsEveryKeyConsistently() {
        VariationalAutoencoder vae = new VariationalAutoencoder(VaeConfig.standard(8, List.of(6), 3, 1.0), 4);
        EvaluationReport r = Evaluator.evaluate(vae, data, new Evaluator.Options(20, 100, 9));
        Map<String, Object> map = r.toMap();
        assertEquals(EvaluationReport.KEYS, new ArrayList<>(map.keySet()));
        map.forEach((k, v) -> assertNotNull(v, k));
        assertEquals(ModelKind.VAE, r.kind());
        assertEquals(400, r.examples());
        assertEquals(20, r.iwaeSamples());
        assertEquals(100, r.iwaeExamples());
        assertEquals(r.reconstruction() + r.kl(), r.negElbo(), 1e-9);
        double klSum = 0;
        for (double v : r.klPerDim()) {
            klSum += v;
        }
        assertEquals(r.kl(), klSum, 1e-5 * (1 + r.kl()), "KL per dimension sums to the KL");
        assertEquals(r.iwaeNll() / (8 * Math.log(2)), r.bitsPerDim(), 1e-12);
        assertTrue(r.iwaeNll() <= r.negElbo() + 3 * r.iwaeStdErr() + 0.05, r.toString());
        assertEquals(3, r.codeVariance().length);
        assertTrue(r.activeUnits().isPresent());
        assertFalse(r.mig().isPresent(), "no factors, no MIG");
    }

    @Test
    void aeAndPcaReportsLeaveTheVaeMetricsEmpty() {
        DeterministicAutoencoder ae = new DeterministicAutoencoder(AutoencoderConfig.plain(8, List.of(6), 3), 1);
        Pca pca = new Pca(new PcaConfig(8, 3));
        pca.fit(data.toFloatArray(), data.size());
        EvaluationReport aeReport = Evaluator.evaluate(ae, data, Evaluator.Options.defaults(1));
        EvaluationReport pcaReport = Evaluator.evaluate(pca, data, Evaluator.Options.defaults(1));
        for (EvaluationReport r : List.of(aeReport, pcaReport)) {
            Map<String, Object> map = r.toMap();
            assertEquals(EvaluationReport.KEYS, new ArrayList<>(map.keySet()));
            for (String key : List.of("kl", "negElbo", "iwaeNll", "iwaeStdErr", "bitsPerDim", "activeUnits",
                    "klPerDim")) {
                assertNull(map.get(key), key);
            }
            assertNotNull(map.get("msePerPixel"));
            assertEquals(3, r.codeVariance().length);
            assertFalse(r.hasPosterior());
            assertEquals(0, r.iwaeSamples());
        }
        assertNotNull(aeReport.toMap().get("reconstruction"), "the AE has a likelihood");
        assertNull(pcaReport.toMap().get("reconstruction"), "PCA has none");
        assertTrue(Double.isNaN(pcaReport.reconstruction()));
    }

    @Test
    void withoutImportanceSamplingBitsPerDimComesFromTheElbo() {
        VariationalAutoencoder vae = new VariationalAutoencoder(VaeConfig.standard(8, List.of(6), 3, 1.0), 4);
        EvaluationReport r = Evaluator.evaluate(vae, data, new Evaluator.Options(0, 1, 9));
        assertTrue(Double.isNaN(r.iwaeNll()));
        assertNull(r.toMap().get("iwaeNll"));
        assertEquals(r.negElbo() / (8 * Math.log(2)), r.bitsPerDim(), 1e-12);
    }

    @Test
    void bitsPerDimIsNatsOverDLn2() {
        assertEquals(1.5, Evaluator.bitsPerDim(784 * Math.log(2) * 1.5, 784), 1e-12);
        assertEquals(1.0, Evaluator.bitsPerDim(Math.log(2), 1), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Evaluator.bitsPerDim(1, 0));
    }

    @Test
    void sameSeedSameReportAndMigWhenFactorsExist() throws Exception {
        Dataset factors = EvalFixtures.factorData(300, 1);
        VariationalAutoencoder vae = new VariationalAutoencoder(VaeConfig.standard(3, List.of(4), 2, 1.0), 4);
        EvaluationReport a = Evaluator.evaluate(vae, factors, new Evaluator.Options(5, 50, 3));
        EvaluationReport b = Evaluator.evaluate(vae, factors, new Evaluator.Options(5, 50, 3));
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.writeValueAsString(a.toMap()), json.writeValueAsString(b.toMap()));
        assertEquals(a.iwaeNll(), b.iwaeNll(), 0.0);
        assertTrue(a.mig().isPresent());
        assertEquals(2, a.mig().get().latentDim());
    }

    @Test
    void mapIsValidJsonWithNullsForMissingMetrics() throws Exception {
        DeterministicAutoencoder ae = new DeterministicAutoencoder(AutoencoderConfig.plain(8, List.of(6), 3), 1);
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(Evaluator.evaluate(ae, data, Evaluator.Options.defaults(1)).toMap());
        JsonNode node = json.readTree(text);
        assertTrue(node.get("kl").isNull(), text);
        assertTrue(node.get("msePerPixel").isNumber(), text);
        VariationalAutoencoder vae = new VariationalAutoencoder(VaeConfig.standard(8, List.of(6), 3, 1.0), 4);
        JsonNode v = json.readTree(json.writeValueAsString(
                Evaluator.evaluate(vae, data, new Evaluator.Options(3, 10, 1)).toMap()));
        assertEquals(3, v.get("klPerDim").size());
        assertTrue(v.get("activeUnits").isInt());
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new Evaluator.Options(-1, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new Evaluator.Options(10, 0, 0));
        assertEquals(100, Evaluator.Options.defaults(0).iwaeK());
    }
}
