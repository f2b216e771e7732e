package dev.bottleneck.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Help text wrapped between words only. picocli wraps with the JDK's line {@code BreakIterator}, which also breaks
 * after '.' and ',' ("bottleneck.\njar", "--hidden=N,N[,N,\nN...]"). So picocli lays each section out on one wide
 * line, and this class wraps it again at spaces: continuation lines hang under the description column, as picocli's
 * do, and a word longer than a line is kept whole.
 */
final class HelpWrapping {

    /** picocli's layout width: wide enough that picocli itself never wraps. */
    static final int UNWRAPPED = 2000;

    /** The narrowest and widest help we lay out; picocli's own minimum is 55. */
    static final int MIN_WIDTH = 55;
    static final int MAX_WIDTH = 120;

    private HelpWrapping() {
    }

    /**
     * The width of the terminal the help goes to (picocli's detection), 80 columns when it cannot tell (a pipe, a
     * file, a test), at most {@link #MAX_WIDTH}: longer lines read badly.
     */
    static int terminalWidth() {
        int w = new CommandLine.Model.UsageMessageSpec().autoWidth(true).width();
        return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, w));
    }

    /** Makes {@code cl} and its subcommands print help wrapped at spaces to {@code width} columns. */
    static void install(CommandLine cl, int width) {
        cl.setUsageHelpAutoWidth(false);
        cl.setUsageHelpWidth(UNWRAPPED);
        Map<String, CommandLine.IHelpSectionRenderer> sections = new LinkedHashMap<>();
        for (Map.Entry<String, CommandLine.IHelpSectionRenderer> e : cl.getHelpSectionMap().entrySet()) {
            CommandLine.IHelpSectionRenderer original = e.getValue();
            boolean synopsis = e.getKey().equals(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS);
            sections.put(e.getKey(), help -> {
                String text = original.render(help);
                if (synopsis) {
                    // The heading ("Usage: ") is a section of its own, printed on the same line: wrap the two as
                    // one, continuing under the first option, after "Usage: bottleneck train ".
                    String heading = "Usage: ";
                    String marker = "\u0000".repeat(heading.length());
                    String wrapped = wrap(marker + text, width,
                            (heading + help.commandSpec().qualifiedName() + " ").length());
                    return wrapped.substring(marker.length());
                }
                // Option and command lists continue under their description column plus two, as picocli's do.
                int column = sectionColumn(text);
                return wrap(text, width, column < 0 ? 0 : column + 2);
            });
        }
        cl.setHelpSectionMap(sections);
        for (CommandLine sub : cl.getSubcommands().values()) {
            install(sub, width);
        }
    }

    /**
     * Wraps every line of {@code text} longer than {@code width} at spaces; continuation lines are indented by
     * {@code hangingIndent}.
     */
    static String wrap(String text, int width, int hangingIndent) {
        StringBuilder out = new StringBuilder();
        String nl = System.lineSeparator();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.length() <= width) {
                out.append(line);
            } else {
                appendWrapped(out, line, width, Math.min(hangingIndent, width / 2), nl);
            }
            if (i < lines.length - 1) {
                out.append(nl);
            }
        }
        return out.toString();
    }

    /**
     * The column where a two-column section (options, commands) puts its descriptions: the most common start of the
     * text after an indented line's first gap of two or more spaces, or of an indented line that is all description
     * (one under a long option). -1 for a section of plain paragraphs.
     */
    static int sectionColumn(String text) {
        Map<Integer, Integer> votes = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            int lead = 0;
            while (lead < line.length() && line.charAt(lead) == ' ') {
                lead++;
            }
            if (lead == 0 || lead == line.length()) {
                continue;
            }
            int gap = line.indexOf("  ", lead);
            int column = lead;
            if (gap > 0) {
                column = gap;
                while (column < line.length() && line.charAt(column) == ' ') {
                    column++;
                }
            }
            votes.merge(column, 1, Integer::sum);
        }
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(-1);
    }

    private static void appendWrapped(StringBuilder out, String line, int width, int indent, String nl) {
        List<String> words = new ArrayList<>();
        int lead = 0;
        while (lead < line.length() && line.charAt(lead) == ' ') {
            lead++;
        }
        // The first line keeps its own layout up to the first word that does not fit; words keep single spaces.
        StringBuilder current = new StringBuilder(line.substring(0, lead));
        int pos = lead;
        while (pos < line.length()) {
            int end = line.indexOf(' ', pos);
            if (end < 0) {
                end = line.length();
            }
            int next = end;
            while (next < line.length() && line.charAt(next) == ' ') {
                next++;
            }
            words.add(line.substring(pos, next)); // the word with the spaces after it, as laid out
            pos = next;
        }
        boolean first = true;
        for (String spaced : words) {
            String word = spaced.stripTrailing();
            boolean empty = current.toString().isBlank();
            if (!empty && current.length() + word.length() > width) {
                out.append(current.toString().stripTrailing()).append(nl);
                current = new StringBuilder(" ".repeat(indent));
                first = false;
            }
            // Within the first line keep picocli's column gaps; after a wrap words are separated by one space.
            current.append(first ? spaced : word + " ");
        }
        out.append(current.toString().stripTrailing());
    }
}
