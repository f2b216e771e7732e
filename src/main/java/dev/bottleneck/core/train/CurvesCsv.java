package dev.bottleneck.core.train;

import dev.bottleneck.core.model.LossTerms;
import dev.bottleneck.core.model.Term;
import java.util.EnumSet;
import java.util.Set;

/**
 * A run's curves as CSV, one row per batch and per epoch: {@code kind,epoch,train_<term>...,val_<term>...} with the
 * terms' keys ({@code train_loss}, {@code val_negElbo}, ...), epochs fractional for batches. A cell is empty where a
 * row has no such value; the columns are the terms any row has, in the order of {@link Term}.
 */
public final class CurvesCsv {

    private CurvesCsv() {
    }

    /** The curves of {@code h} as CSV text, header first, rows ending in a newline. */
    public static String of(TrainingHistory h) {
        EnumSet<Term> trainTerms = EnumSet.noneOf(Term.class);
        EnumSet<Term> valTerms = EnumSet.noneOf(Term.class);
        h.batches().forEach(b -> trainTerms.addAll(b.terms().asMap().keySet()));
        for (TrainingHistory.EpochPoint e : h.epochs()) {
            trainTerms.addAll(e.train().asMap().keySet());
            if (e.validation() != null) {
                valTerms.addAll(e.validation().asMap().keySet());
            }
        }
        StringBuilder sb = new StringBuilder("kind,epoch");
        trainTerms.forEach(t -> sb.append(",train_").append(t.key()));
        valTerms.forEach(t -> sb.append(",val_").append(t.key()));
        sb.append('\n');
        for (TrainingHistory.BatchPoint b : h.batches()) {
            row(sb, "batch", b.epochsDone(), b.terms(), trainTerms, null, valTerms);
        }
        for (TrainingHistory.EpochPoint e : h.epochs()) {
            row(sb, "epoch", e.epoch(), e.train(), trainTerms, e.validation(), valTerms);
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String kind, double epoch, LossTerms train, Set<Term> trainTerms,
            LossTerms val, Set<Term> valTerms) {
        sb.append(kind).append(',').append(epoch);
        for (Term t : trainTerms) {
            sb.append(',');
            train.get(t).ifPresent(v -> sb.append(v));
        }
        for (Term t : valTerms) {
            sb.append(',');
            if (val != null) {
                val.get(t).ifPresent(v -> sb.append(v));
            }
        }
        sb.append('\n');
    }
}
