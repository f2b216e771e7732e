package dev.bottleneck.viewmodel;

import dev.bottleneck.core.io.CommandText;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The "--flag value" pairs of a recorded command line (a saved model's {@code command}), enough to restore the data
 * settings a model was trained with. Quoting follows the shell's single and double quotes.
 */
final class CommandFlags {

    private final Map<String, String> values;

    private CommandFlags(Map<String, String> values) {
        this.values = values;
    }

    static CommandFlags parse(String command) {
        Map<String, String> v = new HashMap<>();
        if (command != null) {
            List<String> words;
            try {
                words = CommandText.split(command);
            } catch (IllegalArgumentException e) {
                words = List.of(); // a hand-damaged command: fall back to the defaults
            }
            for (int i = 0; i < words.size(); i++) {
                String w = words.get(i);
                if (w.startsWith("--")) {
                    int eq = w.indexOf('=');
                    if (eq > 0) {
                        v.put(w.substring(0, eq), w.substring(eq + 1));
                    } else if (i + 1 < words.size() && !words.get(i + 1).startsWith("--")) {
                        v.put(w, words.get(++i));
                    } else {
                        v.put(w, "true");
                    }
                }
            }
        }
        return new CommandFlags(v);
    }

    String get(String flag, String fallback) {
        return values.getOrDefault(flag, fallback);
    }

    int getInt(String flag, int fallback) {
        try {
            return values.containsKey(flag) ? Integer.parseInt(values.get(flag)) : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    double getDouble(String flag, double fallback) {
        try {
            return values.containsKey(flag) ? Double.parseDouble(values.get(flag)) : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
