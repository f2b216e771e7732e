package dev.bottleneck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Help that reads: lines wrap between words, every option says what it takes and what it does. */
class CliHelpTest {

    /** The help of {@code verb} ("" for the top level) laid out {@code width} columns wide. */
    static String help(String verb, int width) {
        CommandLine root = BottleneckCli.commandLine(width);
        CommandLine cl = verb.isEmpty() ? root : root.getSubcommands().get(verb);
        return cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    static List<String> words(String text) {
        return Arrays.asList(text.strip().split("\\s+"));
    }

    /**
     * Wrapping at 80 columns gives the same words as no wrapping at all: a line broken inside a word
     * ("bottleneck.\njar", "N,\nN...") would split one word into two.
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "train", "eval", "bench", "sweep", "export", "export-data", "import"})
    void helpWrapsBetweenWordsOnly(String verb) {
        assertEquals(words(help(verb, 1000)), words(help(verb, 80)), help(verb, 80));
        for (String line : help(verb, 80).split("\n")) {
            assertTrue(line.length() <= 80, "longer than 80 columns: " + line);
        }
    }

    /** Every option has a description and a parameter label chosen for users, not a Java field name. */
    @ParameterizedTest
    @ValueSource(strings = {"train", "eval", "bench", "sweep", "export", "export-data", "import"})
    void everyOptionIsDescribedWithAReadableLabel(String verb) {
        CommandLine cl = BottleneckCli.commandLine().getSubcommands().get(verb);
        for (CommandLine.Model.OptionSpec option : cl.getCommandSpec().options()) {
            String name = verb + " " + option.longestName();
            assertTrue(option.description().length > 0 && !option.description()[0].isBlank(),
                    name + " has no description");
            if (option.arity().max() > 0) {
                assertFalse(option.paramLabel().startsWith("<"), name + " shows " + option.paramLabel());
            }
        }
        String text = help(verb, 80);
        Matcher raw = Pattern.compile("=<[a-zA-Z]+>").matcher(text);
        assertFalse(raw.find(), "a field name as label in:\n" + text);
    }
}
