package dev.bottleneck.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.viewmodel.ExplorerViewModel;
import dev.bottleneck.viewmodel.ExplorerViewModel.Components;
import dev.bottleneck.viewmodel.FxExecutors;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.XYChart;
import org.junit.jupiter.api.Test;

/** The bars stand most important first at every refresh, and each says its value, unit and activity. */
class ComponentsChartTest {

    private static Components kl(List<String> names, double... values) {
        boolean[] active = new boolean[values.length];
        double[] variance = new double[values.length];
        int units = 0;
        for (int i = 0; i < values.length; i++) {
            variance[i] = values[i] / 2;
            active[i] = variance[i] > 0.01;
            units += active[i] ? 1 : 0;
        }
        return new Components("KL per dimension", "nats", names, values, active, variance, units, "", null, "");
    }

    @Test
    void barsFollowEachNewOrderNotTheFirstOne() {
        List<String> order = FxTestSupport.call(() -> {
            ComponentsChart chart = new ComponentsChart(new ExplorerViewModel(FxExecutors.synchronous()));
            new Scene(chart, 600, 400);
            chart.show(kl(List.of("z1", "z2", "z3", "z4"), 3, 2, 1, 0.001));
            chart.applyCss();
            chart.layout();   // the first render: an auto-ranging axis would keep this order
            chart.show(kl(List.of("z4", "z2", "z1", "z3"), 5, 2, 1, 0.001));
            chart.applyCss();
            chart.layout();
            BarChart<?, ?> bars = (BarChart<?, ?>) chart.getCenter();
            CategoryAxis axis = (CategoryAxis) bars.getXAxis();
            assertEquals(List.of("z4", "z2", "z1", "z3"), List.copyOf(axis.getCategories()));
            // Where the bars are drawn, left to right.
            @SuppressWarnings("unchecked")
            XYChart.Series<String, Number> s = (XYChart.Series<String, Number>) bars.getData().get(0);
            return s.getData().stream()
                    .sorted(java.util.Comparator.comparingDouble(d -> d.getNode().getBoundsInParent().getMinX()))
                    .map(XYChart.Data::getXValue).toList();
        });
        assertEquals(List.of("z4", "z2", "z1", "z3"), order);
    }

    @Test
    void aBarSaysItsValueUnitAndWhetherItIsActive() {
        Components c = kl(List.of("z2", "z7"), 1.5, 0.004);
        String active = ComponentsChart.barText(c, 0);
        String inactive = ComponentsChart.barText(c, 1);
        assertTrue(active.contains("z2") && active.contains("1.5") && active.contains("nats")
                && active.contains(": active"), active);
        assertTrue(inactive.contains("0.002") && inactive.contains("inactive"), inactive);
    }
}
