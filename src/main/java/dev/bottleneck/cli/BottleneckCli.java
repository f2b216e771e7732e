package dev.bottleneck.cli;

import dev.bottleneck.core.MemoryBudget;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code java -jar bottleneck.jar VERB [options]}. */
@Command(name = "bottleneck", mixinStandardHelpOptions = true, versionProvider = BottleneckCli.Version.class,
        description = "Train, evaluate and benchmark autoencoders. With no verb, java -jar bottleneck.jar opens the app.",
        subcommands = {TrainCommand.class, EvalCommand.class, BenchCommand.class, SweepCommand.class,
                ExportCommand.class, ExportDataCommand.class, ImportCommand.class, CommandLine.HelpCommand.class})
public final class BottleneckCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A memory budget tests set in place of this JVM's heap, so that they need no small -Xmx; null: the heap. */
    static volatile MemoryBudget budgetForTests;

    /** Refuses a --threads value outside the range BLAS takes, naming the flag; null (not given) passes. */
    static void checkThreads(Integer threads) {
        if (threads != null) {
            try {
                dev.bottleneck.core.model.Blas.checkThreads(threads);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--threads: " + e.getMessage(), e);
            }
        }
    }

    /** The memory the verbs check their work against before allocating it. */
    static MemoryBudget budget() {
        MemoryBudget b = budgetForTests;
        return b != null ? b : MemoryBudget.ofThisJvm();
    }

    /** Runs the command line and returns the process exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /**
     * The configured command line, not yet run: tests give it their own writers ({@code setOut}, {@code setErr})
     * and call {@code execute}.
     */
    static CommandLine commandLine() {
        return commandLine(HelpWrapping.terminalWidth());
    }

    /** The command line with its help laid out {@code helpWidth} columns wide. */
    static CommandLine commandLine(int helpWidth) {
        CommandLine cl = new CommandLine(new BottleneckCli());
        // Bad input (a damaged file, a wrong flag value) gets one clear line, not a stack trace.
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            line.getErr().println(line.getColorScheme().errorText("error: " + messageOf(ex)));
            line.getErr().flush();
            return 2;
        });
        // A flag picocli cannot parse ("--lr abc", an unknown option): one line and where to look, not the whole
        // usage (70 lines that scroll the error away).
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            PrintWriter err = failed.getErr();
            err.println(failed.getColorScheme().errorText("error: " + messageOf(ex)));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for the options.");
            err.flush();
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        HelpWrapping.install(cl, helpWidth);
        return cl;
    }

    static String messageOf(Throwable ex) {
        String m = ex.getMessage();
        return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = BottleneckCli.class.getPackage().getImplementationVersion();
            return new String[] {"Bottleneck " + (v == null ? "development" : v)};
        }
    }
}
