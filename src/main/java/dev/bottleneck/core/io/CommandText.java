package dev.bottleneck.core.io;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The command line that made a model, as text a POSIX shell runs again, and back: {@link #record} quotes each argument
 * only when it needs it ({@code --dataset 'my data/points.csv'}), {@link #split} undoes exactly that (and the usual
 * double quotes and backslashes, for a line edited by hand). A saved model records its command this way
 * ({@link SavedModel#command()}); the CLI writes it and {@code eval} and the app read it back.
 */
public final class CommandText {

    /** How a recorded command starts: the way the README runs the jar. */
    public static final String LAUNCHER = "java -jar target/bottleneck.jar";

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private CommandText() {
    }

    /** {@code LAUNCHER} followed by the arguments, each quoted for a POSIX shell where needed. */
    public static String record(List<String> args) {
        StringBuilder sb = new StringBuilder(LAUNCHER);
        for (String a : args) {
            sb.append(' ').append(quote(a));
        }
        return sb.toString();
    }

    /** The argument as one shell word: as it is when plain, else in single quotes ({@code '} as {@code '\''}). */
    public static String quote(String arg) {
        if (PLAIN.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    /**
     * The words of a shell command line: split at unquoted white space; single quotes keep everything literally,
     * double quotes keep everything but {@code \"}, {@code \\}, {@code \$} and {@code \`}, a backslash outside quotes
     * keeps the next character.
     *
     * @throws IllegalArgumentException for an unterminated quote
     */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated ' in: " + line);
                }
                w.append(line, i + 1, end);
                i = end;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < line.length() && line.charAt(j) != '"'; j++) {
                    char d = line.charAt(j);
                    if (d == '\\' && j + 1 < line.length() && "\"\\$`".indexOf(line.charAt(j + 1)) >= 0) {
                        d = line.charAt(++j);
                    }
                    w.append(d);
                }
                if (j >= line.length()) {
                    throw new IllegalArgumentException("unterminated \" in: " + line);
                }
                i = j;
            } else if (c == '\\' && i + 1 < line.length()) {
                w.append(line.charAt(++i));
            } else {
                w.append(c);
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }
}
