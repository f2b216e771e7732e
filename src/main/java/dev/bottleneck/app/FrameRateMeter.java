package dev.bottleneck.app;

import java.io.PrintStream;
import java.util.Locale;
import javafx.animation.AnimationTimer;

/**
 * Prints the window's frame rate once a second, with the longest gap between two frames: how fluid the app stays
 * while training. Started with {@code -Dbottleneck.fps=true}; the numbers go to BENCHMARKS.md, never into a test.
 */
final class FrameRateMeter extends AnimationTimer {

    private final PrintStream out;
    private long windowStart;
    private long last;
    private long longest;
    private int frames;

    FrameRateMeter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void handle(long now) {
        if (windowStart == 0) {
            windowStart = now;
            last = now;
            return;
        }
        frames++;
        longest = Math.max(longest, now - last);
        last = now;
        if (now - windowStart >= 1_000_000_000L) {
            double seconds = (now - windowStart) / 1e9;
            out.printf(Locale.ROOT, "fps %.1f  longest frame %.1f ms%n", frames / seconds, longest / 1e6);
            windowStart = now;
            frames = 0;
            longest = 0;
        }
    }
}
