package dev.bottleneck.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bottleneck.core.data.SplitSettings;
import dev.bottleneck.core.io.DatasetInfo;
import dev.bottleneck.core.io.SavedModel;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.core.model.Pca;
import dev.bottleneck.core.model.PcaConfig;
import dev.bottleneck.core.model.VaeConfig;
import dev.bottleneck.core.train.TrainingConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reopening a model keeps its seed a long: 2^40 used to come back as (int) 2^40 = 0. */
class SettingsSeedTest {

    private static final long SEED = 1L << 40;

    @Test
    void applyingASavedTrainingConfigKeepsASeedAbove2To31() {
        SettingsViewModel s = new SettingsViewModel();
        s.apply(VaeConfig.standard(4, List.of(3), 2, 1.0), TrainingConfig.defaults(2, SEED));
        assertEquals(SEED, s.seed.get());
        assertEquals(SEED, s.trainingConfig().seed());
    }

    @Test
    void applyingASavedModelsDataTakesItsTypedSplit() {
        SettingsViewModel s = new SettingsViewModel();
        Pca pca = new Pca(new PcaConfig(3, 1));
        pca.fit(new float[] {0, 1, 2, 1, 0, 1, 2, 2, 0}, 3);
        DatasetInfo info = new DatasetInfo("moons", 3, 0, 0, null, new SplitSettings(300, 0.3, SEED));
        s.applyData(SavedModel.ofPca(pca, info, 1, Map.of(), "train --seed 1"));
        assertEquals("moons", s.dataset.get());
        assertEquals(300, s.trainSize.get());
        assertEquals(0.3, s.validationFraction.get());
        assertEquals(SEED, s.seed.get());
    }

    @Test
    void aSceneKeepsASeedAbove2To31() {
        SettingsViewModel s = new SettingsViewModel();
        s.seed.set(SEED);
        SettingsViewModel t = new SettingsViewModel();
        t.restore(s.snapshot());
        assertEquals(SEED, t.seed.get());
    }

    @Test
    void theFormBuildsEachKindsConfigFromItsRows() {
        SettingsViewModel s = new SettingsViewModel();
        for (ModelKind k : ModelKind.values()) {
            s.kind.set(k);
            assertEquals(k, s.modelConfig(dev.bottleneck.core.model.Shape.image(1, 28, 28)).kind(), k.label());
        }
    }

    @Test
    void betaAndTheCapacityOutOfRangeAreRefusedAtTheirFieldsWithTheRange() {
        SettingsViewModel s = new SettingsViewModel();
        s.kind.set(ModelKind.BETA_VAE);
        s.beta.set(5000);
        s.capacityMax.set(2000);
        assertEquals("beta must lie in (0, 1000]", s.problem("beta").orElseThrow());
        assertEquals("C_max must lie in [0, 1000] nats (0: off)", s.problem("capacityMax").orElseThrow());
        s.beta.set(4);
        s.capacityMax.set(25);
        s.capacityGamma.set(20000);
        assertEquals("gamma must lie in (0, 10000]", s.problem("capacityGamma").orElseThrow());
        s.capacityGamma.set(1000);
        assertEquals(List.of(), s.problems());
    }
}
