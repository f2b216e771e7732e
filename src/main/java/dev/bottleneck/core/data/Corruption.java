package dev.bottleneck.core.data;

import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Input corruption for denoising autoencoders (Vincent et al. 2008, "Extracting and composing robust features with
 * denoising autoencoders"): the model sees {@code corrupt(x)} and is trained to reconstruct the clean {@code x}.
 *
 * <p>Applied to each minibatch in place on the training thread, with a random stream derived from the run's seed: the
 * same stream gives the same corruption. {@link #apply} allocates nothing and touches each value once.
 *
 * <p>On the command line a corruption is written {@code none}, {@code masking:<fraction>}, {@code gaussian:<sigma>}
 * or {@code saltpepper:<fraction>}; see {@link #parse} and {@link #describe}.
 */
public sealed interface Corruption {

    /**
     * Corrupts {@code batch[offset .. offset + length - 1]} in place.
     *
     * @param lo  smallest value of the data (0 for images)
     * @param hi  largest value of the data (1 for images)
     * @param rng the random stream; each value draws from it in order, so the same stream state gives the same result
     * @throws IndexOutOfBoundsException when the range lies outside {@code batch}
     * @throws IllegalArgumentException  when {@code lo > hi}
     */
    void apply(float[] batch, int offset, int length, float lo, float hi, SplittableRandom rng);

    /** The form {@link #parse} reads back, e.g. {@code "masking:0.3"}. */
    String describe();

    /** No corruption: the plain autoencoder. */
    record None() implements Corruption {

        @Override
        public void apply(float[] batch, int offset, int length, float lo, float hi, SplittableRandom rng) {
            checkRange(batch, offset, length, lo, hi);
        }

        @Override
        public String describe() {
            return "none";
        }
    }

    /**
     * Masking noise: each value independently, with probability {@code fraction}, is set to 0 (Vincent et al.'s
     * "destroyed" inputs). Note the 0 is literal, not {@code lo}: for data whose range does not start at 0 it is an
     * inside value.
     *
     * @param fraction expected share of values set to 0, in [0, 1]
     */
    record Masking(double fraction) implements Corruption {

        public Masking {
            checkFraction("masking", fraction);
        }

        @Override
        public void apply(float[] batch, int offset, int length, float lo, float hi, SplittableRandom rng) {
            checkRange(batch, offset, length, lo, hi);
            double p = fraction;
            for (int i = offset, end = offset + length; i < end; i++) {
                if (rng.nextDouble() < p) {
                    batch[i] = 0f;
                }
            }
        }

        @Override
        public String describe() {
            return "masking:" + fraction;
        }
    }

    /**
     * Additive isotropic Gaussian noise, {@code x + sigma * N(0, 1)}, clipped to [lo, hi] so the corrupted input is
     * still a valid one.
     *
     * @param sigma standard deviation of the noise before clipping, &gt;= 0, in the data's units
     */
    record GaussianNoise(double sigma) implements Corruption {

        public GaussianNoise {
            if (!(sigma >= 0) || Double.isInfinite(sigma)) {
                throw new IllegalArgumentException("gaussian sigma must be finite and >= 0, was " + sigma);
            }
        }

        @Override
        public void apply(float[] batch, int offset, int length, float lo, float hi, SplittableRandom rng) {
            checkRange(batch, offset, length, lo, hi);
            if (sigma == 0) {
                return;
            }
            double s = sigma;
            for (int i = offset, end = offset + length; i < end; i++) {
                float v = (float) (batch[i] + s * rng.nextGaussian());
                batch[i] = v < lo ? lo : (v > hi ? hi : v);
            }
        }

        @Override
        public String describe() {
            return "gaussian:" + sigma;
        }
    }

    /**
     * Salt-and-pepper noise: each value independently, with probability {@code fraction}, is set to {@code lo} or
     * {@code hi} with equal probability.
     *
     * @param fraction expected share of values replaced, in [0, 1]
     */
    record SaltAndPepper(double fraction) implements Corruption {

        public SaltAndPepper {
            checkFraction("salt-and-pepper", fraction);
        }

        @Override
        public void apply(float[] batch, int offset, int length, float lo, float hi, SplittableRandom rng) {
            checkRange(batch, offset, length, lo, hi);
            double p = fraction;
            double half = p / 2;
            for (int i = offset, end = offset + length; i < end; i++) {
                double u = rng.nextDouble(); // one draw decides both: u < p hits, and given a hit u < p/2 w.p. 1/2
                if (u < p) {
                    batch[i] = u < half ? lo : hi;
                }
            }
        }

        @Override
        public String describe() {
            return "saltpepper:" + fraction;
        }
    }

    /** The corruption-free instance. */
    static Corruption none() {
        return new None();
    }

    /**
     * Reads {@code none}, {@code masking:<fraction>}, {@code gaussian:<sigma>} or {@code saltpepper:<fraction>}
     * (case and blanks around the parts ignored), as written by {@link #describe}.
     *
     * @throws IllegalArgumentException with a message that says what is wrong and what is expected
     */
    static Corruption parse(String text) {
        Objects.requireNonNull(text, "corruption text");
        String expected = "expected none, masking:<fraction>, gaussian:<sigma> or saltpepper:<fraction>";
        String spec = text.strip();
        int colon = spec.indexOf(':');
        String kind = (colon < 0 ? spec : spec.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
        String arg = colon < 0 ? null : spec.substring(colon + 1).strip();
        if (kind.equals("none")) {
            if (arg != null) {
                throw new IllegalArgumentException("corruption 'none' takes no value, got '" + text + "'");
            }
            return none();
        }
        String what = switch (kind) {
            case "masking", "saltpepper" -> "fraction";
            case "gaussian" -> "sigma";
            default -> throw new IllegalArgumentException("unknown corruption '" + text + "'; " + expected);
        };
        if (arg == null || arg.isEmpty()) {
            throw new IllegalArgumentException("corruption '" + text + "' needs a " + what + ", e.g. " + kind
                    + (kind.equals("gaussian") ? ":0.2" : ":0.3"));
        }
        double value;
        try {
            value = Double.parseDouble(arg);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("corruption '" + text + "': " + what + " '" + arg + "' is not a number");
        }
        return switch (kind) {
            case "masking" -> new Masking(value);
            case "saltpepper" -> new SaltAndPepper(value);
            default -> new GaussianNoise(value);
        };
    }

    private static void checkFraction(String name, double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException(name + " fraction must be in [0, 1], was " + fraction);
        }
    }

    private static void checkRange(float[] batch, int offset, int length, float lo, float hi) {
        Objects.checkFromIndexSize(offset, length, batch.length);
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("corruption: data range [" + lo + ", " + hi
                    + "] is empty or not a number");
        }
    }
}
