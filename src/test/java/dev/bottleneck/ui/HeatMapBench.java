package dev.bottleneck.ui;

import dev.bottleneck.viewmodel.Disentanglement;
import dev.bottleneck.viewmodel.ExplorerViewModel;
import dev.bottleneck.viewmodel.ExplorerViewModel.Components;
import dev.bottleneck.viewmodel.FxExecutors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javafx.scene.Scene;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test: what a new matrix costs the FX thread when the Components tab is in front, for 5 factors
 * and 10 units (the shapes preset) and for 5 x 32: the heat map alone ({@code show}, CSS, layout), the whole tab
 * (the bars rebuilt too), and the tab with a snapshot (Prism's software pipeline rasterising it). Medians and minima
 * printed to stdout: on a shared machine the minimum is the uncontended cost.
 * Run with {@code mvn -o -q test -Dtest=HeatMapBench -Dbench=true}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class HeatMapBench {

    private static final int WARMUP = 20;
    private static final int RUNS = 61;

    private static Components random(int k, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> factors = List.of("shape", "scale", "rotation", "posX", "posY");
        List<String> units = new ArrayList<>();
        for (int j = 1; j <= k; j++) {
            units.add("z" + j);
        }
        double[][] share = new double[5][k];
        double[] gap = new double[5];
        int[] top = new int[5];
        int[] second = new int[5];
        for (int f = 0; f < 5; f++) {
            for (int u = 0; u < k; u++) {
                share[f][u] = rng.nextDouble();
            }
            gap[f] = rng.nextDouble() * 0.5;
            top[f] = rng.nextInt(k);
            second[f] = (top[f] + 1) % k;
        }
        double[] e = {1.1, 3, 3, 3, 3};
        Disentanglement d = new Disentanglement(factors, units, share, share, e, gap, top, second, 0.2, 2000);
        double[] values = new double[k];
        boolean[] active = new boolean[k];
        Arrays.fill(values, 1);
        Arrays.fill(active, true);
        return new Components("KL per dimension", "nats", units, values, active, values, k, "", d, "");
    }

    @Test
    void newMatrixOnTheFxThread() {
        for (int k : new int[] {10, 32}) {
            double[][] ms = FxTestSupport.call(() -> {
                ComponentsChart chart = new ComponentsChart(new ExplorerViewModel(FxExecutors.synchronous()));
                Scene scene = new Scene(chart, 950, 270);   // the tab's size in a 1280 x 800 window
                double[] layout = new double[RUNS];
                double[] render = new double[RUNS];
                double[] map = new double[RUNS];
                chart.show(random(k, 0));
                for (int i = 0; i < WARMUP + RUNS; i++) {
                    Components c = random(k, i);
                    long t = System.nanoTime();
                    chart.show(c);
                    chart.applyCss();
                    chart.layout();
                    long t1 = System.nanoTime();
                    scene.snapshot(null);
                    long t2 = System.nanoTime();
                    Disentanglement next = random(k, i + 1000).disentanglement();
                    long t2b = System.nanoTime();
                    chart.heatMap().show(next);
                    chart.applyCss();
                    chart.layout();
                    long t3 = System.nanoTime();
                    if (i >= WARMUP) {
                        layout[i - WARMUP] = (t1 - t) / 1e6;
                        render[i - WARMUP] = (t2 - t) / 1e6;
                        map[i - WARMUP] = (t3 - t2b) / 1e6;
                    }
                }
                Arrays.sort(layout);
                Arrays.sort(render);
                Arrays.sort(map);
                return new double[][] {layout, render, map};
            });
            System.out.printf("5 x %d, the heat map alone: show + CSS + layout median %.1f ms (min %.1f)%n", k,
                    ms[2][RUNS / 2], ms[2][0]);
            System.out.printf("5 x %d, the whole tab (bars too): show + CSS + layout median %.1f ms (min %.1f);"
                    + " with the render median %.1f ms (min %.1f)%n", k, ms[0][RUNS / 2], ms[0][0], ms[1][RUNS / 2],
                    ms[1][0]);
        }
    }
}
