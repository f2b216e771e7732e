package dev.bottleneck.core.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The terms of a loss on a batch or a split, each an average per example (see {@link Term} for units and signs).
 * Immutable.
 */
public final class LossTerms {

    private final Map<Term, Double> values;

    private LossTerms(EnumMap<Term, Double> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The loss, which every instance has. */
    public double loss() {
        return values.get(Term.LOSS);
    }

    public OptionalDouble get(Term term) {
        Double v = values.get(term);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** The value of a term the caller knows is present. */
    public double value(Term term) {
        Double v = values.get(term);
        if (v == null) {
            throw new IllegalStateException("no " + term.label() + " term in " + this);
        }
        return v;
    }

    public boolean has(Term term) {
        return values.containsKey(term);
    }

    /** The terms present, in {@link Term} order. */
    public Map<Term, Double> asMap() {
        return values;
    }

    /** These terms with {@code term} set to {@code value}. */
    public LossTerms with(Term term, double value) {
        EnumMap<Term, Double> m = new EnumMap<>(Term.class);
        m.putAll(values);
        m.put(term, value);
        return new LossTerms(m);
    }

    /** True when every value is finite. */
    public boolean isFinite() {
        for (double v : values.values()) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Weighted average of several term sets with the same terms (weights: example counts). */
    public static LossTerms weightedMean(java.util.List<LossTerms> parts, java.util.List<Integer> counts) {
        EnumMap<Term, Double> sum = new EnumMap<>(Term.class);
        long total = 0;
        for (int i = 0; i < parts.size(); i++) {
            int n = counts.get(i);
            total += n;
            for (Map.Entry<Term, Double> e : parts.get(i).values.entrySet()) {
                sum.merge(e.getKey(), e.getValue() * n, Double::sum);
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("no examples to average");
        }
        for (Map.Entry<Term, Double> e : sum.entrySet()) {
            e.setValue(e.getValue() / total);
        }
        return new LossTerms(sum);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Term, Double> e : values.entrySet()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.getKey().label()).append(' ').append(String.format(java.util.Locale.ROOT, "%.4f", e.getValue()));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LossTerms other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** Builds a {@link LossTerms}; {@link Term#LOSS} is required. */
    public static final class Builder {
        private final EnumMap<Term, Double> values = new EnumMap<>(Term.class);

        public Builder put(Term term, double value) {
            values.put(term, value);
            return this;
        }

        public LossTerms build() {
            if (!values.containsKey(Term.LOSS)) {
                throw new IllegalStateException("loss terms need a LOSS value");
            }
            return new LossTerms(new EnumMap<>(values));
        }
    }
}
