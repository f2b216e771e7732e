package dev.bottleneck;

import dev.bottleneck.app.BottleneckApp;
import dev.bottleneck.cli.BottleneckCli;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Entry point. No arguments opens the desktop app; a verb ({@code train}, {@code eval}, {@code bench}, ...) runs
 * the command line. A plain class rather than the {@code Application} itself, so that {@code java -jar} works with
 * JavaFX on the class path; there the app is started again with JavaFX on the module path ({@link DesktopLaunch}).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            if (!DesktopLaunch.javafxIsNamed() && !Boolean.getBoolean(DesktopLaunch.RELAUNCHED)) {
                Optional<Integer> exit = DesktopLaunch.relaunchCommand(DesktopLaunch.codeLocation(),
                        Path.of(System.getProperty("java.home")),
                        ManagementFactory.getRuntimeMXBean().getInputArguments()).flatMap(DesktopLaunch::run);
                if (exit.isPresent()) {
                    System.exit(exit.get());
                }
            }
            BottleneckApp.launchApp(args);
        } else {
            System.exit(BottleneckCli.run(args));
        }
    }
}
