package dev.bottleneck.viewmodel;

import dev.bottleneck.core.eval.MigResult;
import dev.bottleneck.core.explore.Exploration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The factor x latent mutual information of one explored model, as the Components tab draws it: one row per
 * ground-truth factor (dataset order), one column per latent unit in the order the sliders use, each cell
 * I(z_j; v_f) / H(v_f) (1 = the unit determines the factor), and each factor's gap, the top unit's share minus the
 * second unit's: the terms of MIG (Chen et al. 2018; {@link dev.bottleneck.core.eval.MutualInformationGap}).
 *
 * @param factors factor names, the rows
 * @param units latent unit names in slider order, the columns
 * @param share {@code factors x units}, I(z; v_f) / H(v_f) in [0, 1]; NaN for a constant factor
 * @param nats {@code factors x units}, I(z; v_f) in nats
 * @param entropy H(v_f) of each factor as binned, in nats
 * @param gap each factor's normalised gap; NaN for a constant factor
 * @param topUnit each factor's top unit as a column index, or -1 when no unit knows anything of it
 * @param secondUnit each factor's second unit as a column index, or -1
 * @param mig the mean gap over the non-constant factors; NaN when there are none
 * @param examples how many examples the estimate used
 */
public record Disentanglement(List<String> factors, List<String> units, double[][] share, double[][] nats,
        double[] entropy, double[] gap, int[] topUnit, int[] secondUnit, double mig, int examples) {

    /** The gap from which a slider is named after a factor: {@link MigResult#NAMING_GAP}. */
    public static final double NAMING_GAP = MigResult.NAMING_GAP;

    public Disentanglement {
        factors = List.copyOf(factors);
        units = List.copyOf(units);
    }

    /** Whether factor {@code f} names its top unit's slider: its gap is at least {@link #NAMING_GAP}. */
    public boolean names(int f) {
        return topUnit[f] >= 0 && gap[f] >= NAMING_GAP;
    }

    /** The matrix of {@code e}, columns in its slider order; null when its data have no factors. */
    static Disentanglement of(Exploration e) {
        MigResult r = e.mig();
        if (r == null) {
            return null;
        }
        int nf = r.factorNames().size();
        int k = e.k();
        int[] order = e.order();
        int[] column = new int[k];   // column of each latent dimension
        List<String> units = new ArrayList<>(k);
        for (int u = 0; u < k; u++) {
            units.add(e.name(order[u]));
            column[order[u]] = u;
        }
        double[][] share = new double[nf][k];
        double[][] nats = new double[nf][k];
        int[] top = new int[nf];
        int[] second = new int[nf];
        for (int f = 0; f < nf; f++) {
            for (int u = 0; u < k; u++) {
                share[f][u] = r.normalised(order[u], f);
                nats[f][u] = r.mutualInformation()[order[u]][f];
            }
            top[f] = r.topLatent()[f] < 0 ? -1 : column[r.topLatent()[f]];
            second[f] = r.secondLatent()[f] < 0 ? -1 : column[r.secondLatent()[f]];
        }
        return new Disentanglement(r.factorNames(), units, share, nats, r.factorEntropy().clone(), r.gap().clone(),
                top, second, r.mig(), e.n());
    }

    /** The slider label of latent dimension {@code j} of {@code e}: "posX, gap 0.52", or "" when no factor names it. */
    static String sliderLabel(Exploration e, int j) {
        MigResult r = e.mig();
        if (r == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (int f : r.factorsNamedBy(j)) {
            parts.add(String.format(Locale.ROOT, "%s, gap %.2f", r.factorNames().get(f), r.gap()[f]));
        }
        return String.join("; ", parts);
    }

    /**
     * What the gap says about latent dimension {@code j} of {@code e}, for its slider's tooltip: for each factor it
     * leads, its share of the factor's information, the runner-up's, and whether the gap is enough to name it.
     */
    static String sliderNote(Exploration e, int j) {
        MigResult r = e.mig();
        if (r == null) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        for (int f = 0; f < r.factorNames().size(); f++) {
            if (r.topLatent()[f] != j || Double.isNaN(r.gap()[f])) {
                continue;
            }
            String name = r.factorNames().get(f);
            int s = r.secondLatent()[f];
            String runnerUp = s < 0 ? "no other unit carries any"
                    : String.format(Locale.ROOT, "the next unit, %s, %.0f%%", e.name(s), 100 * r.normalised(s, f));
            String verdict = r.gap()[f] >= MigResult.NAMING_GAP
                    ? String.format(Locale.ROOT, "at least %.2f, so the slider is named after %s", MigResult.NAMING_GAP,
                            name)
                    : String.format(Locale.ROOT, "below %.2f: other units share %s, so the slider is not named after"
                            + " it", MigResult.NAMING_GAP, name);
            lines.add(String.format(Locale.ROOT, "gap %.2f for %s: %s carries %.0f%% of the information about %s"
                    + " (I(z; %s) / H(%s)), %s. The gap, their difference, is %s.", r.gap()[f], name, e.name(j),
                    100 * r.normalised(j, f), name, name, name, runnerUp, verdict));
        }
        return String.join("\n", lines);
    }
}
