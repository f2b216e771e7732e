package dev.bottleneck;

import dev.bottleneck.app.BottleneckApp;
import dev.bottleneck.cli.BottleneckCli;

/**
 * Entry point. No arguments opens the desktop app; a verb ({@code train}, {@code eval}, {@code bench}, ...) runs
 * the command line. A plain class rather than the {@code Application} itself, so that {@code java -jar} works with
 * JavaFX on the class path.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            BottleneckApp.launchApp(args);
        } else {
            System.exit(BottleneckCli.run(args));
        }
    }
}
