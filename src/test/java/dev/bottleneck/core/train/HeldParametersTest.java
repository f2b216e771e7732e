package dev.bottleneck.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.data.ShapesDataset;
import dev.bottleneck.core.model.AutoencoderConfig;
import dev.bottleneck.core.model.GradientModel;
import dev.bottleneck.core.model.Parameter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Restore best: the best epoch's parameters go back into the live model, and the status bar says which it holds. */
class HeldParametersTest {

    private static GradientModel ae(long seed, int latent) {
        return (GradientModel) AutoencoderConfig.plain(256, List.of(16), latent).build(seed);
    }

    @Test
    void copiedValuesMakeTheModelComputeTheSameAndStayItsOwn() {
        GradientModel from = ae(1, 3);
        GradientModel into = ae(2, 3);
        float[] z = {0.5f, -1f, 2f};
        assertFalse(Arrays.equals(from.decode(z, 1), into.decode(z, 1)), "two seeds make two models");
        HeldParameters.copyValues(from, into);
        assertArrayEquals(from.decode(z, 1), into.decode(z, 1), 0f);
        float[] held = into.decode(z, 1);
        Parameter p = from.parameters().get(0);
        Arrays.fill(p.value().data, 0.25f);
        p.value().changed();
        assertArrayEquals(held, into.decode(z, 1), 0f, "a later change to the source does not reach the copy");
    }

    @Test
    void modelsOfOtherShapesAreRefusedAndLeftAlone() {
        GradientModel into = ae(2, 3);
        float[] z = {0.5f, -1f, 2f};
        float[] before = into.decode(z, 1);
        assertThrows(IllegalArgumentException.class, () -> HeldParameters.copyValues(ae(1, 4), into));
        assertArrayEquals(before, into.decode(z, 1), 0f);
    }

    @Test
    void restoringTheBestPutsBackTheBestEpochsParameters() {
        Dataset data = ShapesDataset.generate(300, 16, 4);
        Dataset train = data.subset("train", java.util.stream.IntStream.range(0, 240).toArray());
        Dataset val = data.subset("val", java.util.stream.IntStream.range(240, 300).toArray());
        GradientModel live = ae(3, 3);
        Trainer t = new Trainer(live, train, val, TrainingConfig.defaults(4, 3).withBatchSize(40), null);
        assertThrows(IllegalStateException.class, () -> HeldParameters.restoreBest(t, live), "nothing validated yet");
        t.run(e -> { }, () -> false, Integer.MAX_VALUE);
        assertTrue(t.bestEpoch() > 0);
        float[] z = {0.1f, 0.2f, -0.3f};
        float[] best = t.best().decode(z, 1);
        assertEquals(t.bestEpoch(), HeldParameters.restoreBest(t, live));
        assertArrayEquals(best, live.decode(z, 1), 0f);
    }

    @Test
    void theHeldEpochInWords() {
        assertEquals("model: untrained", HeldParameters.describe(0, 0, 0, false));
        assertEquals("model: epoch 7, the best on validation", HeldParameters.describe(7, 0, 7, false));
        assertEquals("model: epoch 7", HeldParameters.describe(7, 0, 5, false));
        assertEquals("model: epoch 5, the best on validation", HeldParameters.describe(5, 0, 9, true));
        // Stopped a little into epoch 3: the batch says where; a fractional epoch is never "the best".
        assertEquals("model: epoch 3, batch 12", HeldParameters.describe(2.25, 12, 2, false));
    }
}
