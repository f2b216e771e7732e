package dev.bottleneck.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bottleneck.core.model.LossTerms;
import dev.bottleneck.core.model.Term;
import dev.bottleneck.core.train.TrainingHistory;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

/** The denoising error and the IWAE bound are drawn beside the validation loss and -ELBO. */
class LossChartCompanionTest {

    private static LossTerms terms(double loss, Term extra, double value) {
        LossTerms.Builder b = LossTerms.builder().put(Term.LOSS, loss).put(Term.RECONSTRUCTION, loss)
                .put(Term.NEG_ELBO, loss);
        if (extra != null) {
            b.put(extra, value);
        }
        return b.build();
    }

    @Test
    void theDenoisingCurveStandsBesideTheValidationLoss() {
        LossChart chart = FxTestSupport.call(() -> {
            LossChart c = new LossChart();
            for (int e = 1; e <= 3; e++) {
                c.addEpoch(new TrainingHistory.EpochPoint(e, terms(100 - e, null, 0),
                        terms(110 - e, Term.DENOISING, 130 - e), 1000, 1));
            }
            return c;
        });
        XYDataset companion = FxTestSupport.call(() -> chart.getChart().getXYPlot().getDataset(LossPlot.COMPANION));
        assertEquals(1, companion.getSeriesCount());
        assertEquals(Term.DENOISING.label(), companion.getSeriesKey(0));
        assertEquals(3, companion.getItemCount(0));
        assertEquals(127.0, companion.getYValue(0, 2), 1e-12);
    }

    @Test
    void theIwaeBoundStandsBesideTheElbo() {
        LossChart chart = FxTestSupport.call(() -> {
            LossChart c = new LossChart();
            c.addEpoch(new TrainingHistory.EpochPoint(1, terms(100, null, 0), terms(105, Term.IWAE_NLL, 101), 1000, 1));
            c.setTerm(Term.NEG_ELBO);
            return c;
        });
        XYDataset companion = FxTestSupport.call(() -> chart.getChart().getXYPlot().getDataset(LossPlot.COMPANION));
        assertEquals(Term.IWAE_NLL.label(), companion.getSeriesKey(0));
        assertEquals(101.0, companion.getYValue(0, 0), 1e-12);
        FxTestSupport.call(() -> {
            chart.setTerm(Term.RECONSTRUCTION);
            return null;
        });
        XYDataset none = FxTestSupport.call(() -> chart.getChart().getXYPlot().getDataset(LossPlot.COMPANION));
        assertEquals(0, none.getSeriesCount(), "no companion for the reconstruction without a denoising check");
    }
}
