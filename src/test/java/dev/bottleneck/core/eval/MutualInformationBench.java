package dev.bottleneck.core.eval;

import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.data.ShapesDataset;
import dev.bottleneck.core.explore.Exploration;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.Blas;
import dev.bottleneck.core.model.VaeConfig;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test: what the factor x unit mutual information costs each time the explorer explores a training
 * snapshot, against the whole exploration it is part of (encode, reconstruct, order, PCA of the codes, MI), for the
 * "beta-VAE on shapes" preset's model (1024-256-128-(z=10)) on 10,000 and on 2,000 sprites, one BLAS thread (the
 * exploring thread's share of a 2-core machine while training runs on the other). Medians printed to stdout.
 * Run with {@code mvn -o -q test -Dtest=MutualInformationBench -Dbench=true}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class MutualInformationBench {

    private static final int WARMUP = 5;
    private static final int RUNS = 21;

    @Test
    void mutualInformationPerExploration() {
        Blas.init(1);
        Autoencoder vae = VaeConfig.standard(32 * 32, List.of(256, 128), 10, 4.0).build(1);
        Dataset all = ShapesDataset.generate(10_000, 32, 3);
        for (boolean print : new boolean[] {false, true}) {   // the first pass warms the JIT up
            for (int n : new int[] {10_000, 2_000}) {
                Dataset data = all.head(n);
                float[] x = data.toFloatArray();
                float[] codes = vae.encode(x, n);
                var factors = data.factors().orElseThrow();
                double[] mi = times(() -> MutualInformationGap.compute(codes, n, 10, factors));
                double[] explore = times(() -> Exploration.of(vae.copy(), data, x, null));
                if (print) {
                    System.out.printf("%,d sprites, 10 units x 5 factors: MI matrix and MIG median %.1f ms (min %.1f);"
                            + " whole exploration median %.0f ms (min %.0f); MI %.1f %% of it%n", n, mi[0], mi[1],
                            explore[0], explore[1], 100 * mi[0] / explore[0]);
                }
            }
        }
    }

    /** {median, min} in ms. */
    private static double[] times(Runnable task) {
        double[] ms = new double[RUNS];
        for (int i = 0; i < WARMUP + RUNS; i++) {
            long t = System.nanoTime();
            task.run();
            if (i >= WARMUP) {
                ms[i - WARMUP] = (System.nanoTime() - t) / 1e6;
            }
        }
        Arrays.sort(ms);
        return new double[] {ms[RUNS / 2], ms[0]};
    }
}
