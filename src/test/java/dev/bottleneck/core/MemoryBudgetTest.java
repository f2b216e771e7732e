package dev.bottleneck.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.MemoryBudget.Knob;
import dev.bottleneck.core.MemoryBudget.Part;
import dev.bottleneck.core.model.Activation;
import dev.bottleneck.core.model.AutoencoderConfig;
import dev.bottleneck.core.model.Likelihood;
import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.model.NetworkSize;
import dev.bottleneck.core.model.PcaConfig;
import dev.bottleneck.core.model.VaeConfig;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

    @Test
    void partsAreCheckedOnTheirTotalNotEach() {
        MemoryBudget b = new MemoryBudget(1000L << 20); // usable: 1000 MB less 250 MB
        List<Part> each = List.of(new Part("a", 300L << 20, Knob.MODEL_SIZE), new Part("b", 300L << 20,
                Knob.BATCH_SIZE), new Part("c", 200L << 20, Knob.EXAMPLES));
        for (Part p : each) {
            assertDoesNotThrow(() -> b.check("x", List.of(p), Map.of()));
        }
        var e = assertThrows(MemoryBudget.TooLargeException.class,
                () -> b.check("training", each, Map.of(Knob.MODEL_SIZE, "--hidden", Knob.BATCH_SIZE, "--batch")));
        assertTrue(e.getMessage().startsWith("training needs about 800 MB of memory"), e.getMessage());
        assertTrue(e.getMessage().contains("750 MB this Java may use"), e.getMessage());
        assertTrue(e.getMessage().contains("choose a smaller --hidden, or give Java more memory with -Xmx"),
                e.getMessage()); // the first of the largest parts
    }

    @Test
    void saturatingArithmeticNeverOverflows() {
        assertEquals(Long.MAX_VALUE, MemoryBudget.times(1L << 40, 1L << 40));
        assertEquals(Long.MAX_VALUE, MemoryBudget.add(Long.MAX_VALUE, 5));
        var e = assertThrows(MemoryBudget.TooLargeException.class, () -> new MemoryBudget(1L << 30).check("x",
                Collections.nCopies(3, new Part("huge", Long.MAX_VALUE, Knob.NONE)), Map.of()));
        assertTrue(e.getMessage().contains("more than 9 EB"), e.getMessage());
    }

    /** The sizes computed from the config alone agree with the networks built from it. */
    @Test
    void networkSizeCountsWhatTheBuiltModelHolds() {
        List<ModelConfig> configs = List.of(AutoencoderConfig.plain(10, List.of(7, 5), 3),
                new VaeConfig(12, List.of(9), 4, Activation.TANH, Likelihood.GAUSSIAN, 0.1, 1, 0, 0, 0, 10),
                new PcaConfig(6, 2));
        for (ModelConfig c : configs) {
            var model = c.build(1);
            long count = model.parameters().stream().mapToLong(p -> p.value().data.length).sum();
            if (c instanceof PcaConfig) {
                count = 6 + 6 * 2 + 6; // mean, components, variances as saved
            }
            assertEquals(count, NetworkSize.parameters(c), c.toString());
        }
    }

    @Test
    void anInputSizeNear2To31GivesALargeCountNotAnOverflow() {
        var c = new VaeConfig(Integer.MAX_VALUE - 10, List.of(8192, 8192), 256, Activation.RELU,
                Likelihood.GAUSSIAN, 0.1, 1, 0, 0, 0, 10);
        assertTrue(NetworkSize.parameters(c) > 2L * (Integer.MAX_VALUE - 10) * 8192);
        assertTrue(NetworkSize.activationsPerExample(c) > 0);
    }
}
