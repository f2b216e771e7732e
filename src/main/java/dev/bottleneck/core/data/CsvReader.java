package dev.bottleneck.core.data;

import dev.bottleneck.core.MemoryBudget;
import dev.bottleneck.core.data.CsvOptions.LabelColumn;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a CSV file of numbers into a float-backed dataset of {@link SampleShape#vector vectors}, one row per example,
 * with an optional column of class labels (see {@link CsvOptions}).
 *
 * <p>Cells are trimmed; a cell may be quoted ({@code "a, b"}, with {@code ""} for a quote) but may not span lines.
 * Blank lines are skipped. Every row must have as many cells as the first, and every cell outside the label column must
 * be a finite decimal number ({@code 3}, {@code -0.5}, {@code 1e-3}); anything else stops the read with a message that
 * names the file, the line, the column (by its header name when there is one) and the cell.
 *
 * <p>Labels that are all integers become classes sorted by value and named by it ("0", "1", ...; "3", "7", "12");
 * any other labels become classes named by their text, sorted alphabetically. The reader keeps no state between calls.
 */
public final class CsvReader {

    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** The longest line read: a million columns of ten characters and more; a file without newlines stops here. */
    static final int MAX_LINE_CHARS = 1 << 24;
    /** Floats reserved before the first rows are seen; the array grows by doubling from there. */
    private static final int INITIAL_FLOATS = 1 << 16;
    private static final int MAX_SHOWN = 40;
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,9}");

    private CsvReader() {
    }

    /** Reads {@code file} with {@link CsvOptions#defaults()}: commas, header detected, no label column. */
    public static Dataset read(Path file) throws DataException {
        return read(file, CsvOptions.defaults());
    }

    /**
     * Reads {@code file} as the options say. The dataset is named after the file without its extension.
     *
     * @throws DataException when the file is missing, empty, not UTF-8, has rows of differing length, a cell that is not
     *                       a number, an empty label, or a label column that does not exist
     */
    public static Dataset read(Path file, CsvOptions options) throws DataException {
        InputFiles.requireFile(file);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Parse(file, options).run(new LineReader(in, file, MAX_LINE_CHARS));
        } catch (IOException e) {
            throw InputFiles.failure(file, e);
        }
    }

    /** The state of one read. */
    private static final class Parse {

        private final Path file;
        private final CsvOptions options;
        private final char sep;
        private int columns;        // 0 until the first row is seen
        private int firstLine;
        private String[] names;     // header cells, or null
        private int labelIndex = -1;
        private int features;
        private float[] data = new float[0]; // rows x features, grown by doubling
        private int rows;
        private final List<String> labelCells = new ArrayList<>();

        Parse(Path file, CsvOptions options) {
            this.file = file;
            this.options = options;
            this.sep = options.separator();
        }

        Dataset run(LineReader in) throws IOException {
            int lineNo = 0;
            for (String line; (line = in.readLine(lineNo + 1)) != null; ) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1); // byte-order mark written by some spreadsheet programs
                }
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = split(line, lineNo);
                if (columns == 0 && start(cells, lineNo)) {
                    continue; // the header row
                }
                row(cells, lineNo);
            }
            return finish();
        }

        /** Sets up the columns from the first row; returns true when it is a header. */
        private boolean start(String[] cells, int lineNo) throws DataException {
            columns = cells.length;
            firstLine = lineNo;
            LabelColumn label = options.labelColumn();
            if (label instanceof LabelColumn.Index i) {
                labelIndex = i.index() < 0 ? columns + i.index() : i.index();
                if (labelIndex < 0 || labelIndex >= columns) {
                    throw new DataException(file, "label column " + i.index() + " does not exist: line " + lineNo
                            + " has " + columns + " columns");
                }
            }
            boolean named = label instanceof LabelColumn.Named;
            boolean header = switch (options.header()) {
                case PRESENT -> true;
                case ABSENT -> false;
                case AUTO -> named || hasTextOutsideLabel(cells);
            };
            if (header) {
                names = new String[columns];
                for (int j = 0; j < columns; j++) {
                    names[j] = cells[j].isEmpty() ? "column " + (j + 1) : cells[j];
                }
            }
            if (label instanceof LabelColumn.Named n) {
                if (!header) {
                    throw new DataException(file, "the label column is given by name (\"" + n.name()
                            + "\") but the file is read without a header");
                }
                labelIndex = Arrays.asList(cells).indexOf(n.name());
                if (labelIndex < 0) {
                    throw new DataException(file, "no column named \"" + n.name() + "\" for the labels; the header (line "
                            + lineNo + ") has " + (cells.length <= 12 ? String.join(", ", cells)
                            : String.join(", ", Arrays.copyOf(cells, 12)) + " and " + (cells.length - 12) + " more"));
                }
            }
            features = columns - (labelIndex >= 0 ? 1 : 0);
            if (features == 0) {
                throw new DataException(file, "no number columns: the only column is the label column");
            }
            // A few rows' worth to start with, not 1024 rows: a line of a million columns must not reserve 4 GB.
            data = new float[(int) Math.min(Math.max(INITIAL_FLOATS, features), MAX_ARRAY / features * features)];
            return header;
        }

        private boolean hasTextOutsideLabel(String[] cells) {
            for (int j = 0; j < cells.length; j++) {
                if (j != labelIndex && !parses(cells[j])) {
                    return true;
                }
            }
            return false;
        }

        private void row(String[] cells, int lineNo) throws DataException {
            if (cells.length != columns) {
                throw new DataException(file, "line " + lineNo + " has " + cells.length + " column"
                        + (cells.length == 1 ? "" : "s") + ", but line " + firstLine + " has " + columns);
            }
            long end = (long) (rows + 1) * features;
            if (end > data.length) {
                if (end > MAX_ARRAY) {
                    throw new DataException(file, "too large: more than " + rows + " rows of " + features
                            + " numbers exceed the 2 GB one dataset can hold");
                }
                long grown = Math.min(MAX_ARRAY, Math.max(end, 2L * data.length));
                MemoryBudget budget = MemoryBudget.ofThisJvm();
                if (!budget.fits((grown + data.length) * Float.BYTES)) {
                    throw new DataException(file, String.format(java.util.Locale.ROOT, "too large for memory: %,d "
                            + "rows of %,d numbers would need %s, more than the %s this Java may use", rows + 1,
                            features, MemoryBudget.size((grown + data.length) * Float.BYTES),
                            MemoryBudget.size(budget.usableBytes())));
                }
                data = Arrays.copyOf(data, (int) grown);
            }
            int k = rows * features;
            for (int j = 0; j < columns; j++) {
                String cell = cells[j];
                if (j == labelIndex) {
                    if (cell.isEmpty()) {
                        throw new DataException(file, "line " + lineNo + ", " + column(j) + ": empty label");
                    }
                    labelCells.add(cell);
                } else {
                    data[k++] = number(cell, lineNo, j);
                }
            }
            rows++;
        }

        private float number(String cell, int lineNo, int j) throws DataException {
            String where = "line " + lineNo + ", " + column(j) + ": ";
            if (cell.isEmpty()) {
                throw new DataException(file, where + "empty cell where a number was expected");
            }
            float v;
            try {
                v = isNumber(cell) ? Float.parseFloat(cell) : Float.NaN;
            } catch (NumberFormatException e) {
                v = Float.NaN;
            }
            if (Float.isNaN(v)) {
                throw new DataException(file, where + shown(cell) + " is not a number");
            }
            if (Float.isInfinite(v)) {
                throw new DataException(file, where + shown(cell) + " is too large for a float");
            }
            return v;
        }

        private Dataset finish() throws DataException {
            if (columns == 0) {
                throw new DataException(file, "empty file: no rows");
            }
            if (rows == 0) {
                throw new DataException(file, "no data rows: only the header (line " + firstLine + ")");
            }
            Labels labels = labelIndex >= 0 ? labels() : null;
            float[] values = Arrays.copyOf(data, rows * features); // rows x features
            return Dataset.ofFloats(InputFiles.baseName(file), SampleShape.vector(features), values, labels, null);
        }

        /** Integer labels sorted by value, other labels sorted alphabetically; each class named by its text. */
        private Labels labels() {
            int[] values = new int[labelCells.size()];
            if (labelCells.stream().allMatch(c -> INTEGER.matcher(c).matches())) {
                int[] numbers = labelCells.stream().mapToInt(Integer::parseInt).toArray();
                int[] classes = Arrays.stream(numbers).distinct().sorted().toArray();
                List<String> names = Arrays.stream(classes).mapToObj(Integer::toString).toList();
                for (int i = 0; i < numbers.length; i++) {
                    values[i] = Arrays.binarySearch(classes, numbers[i]);
                }
                return new Labels(values, names);
            }
            TreeSet<String> sorted = new TreeSet<>(InputFiles.ALPHABETICAL);
            sorted.addAll(labelCells);
            List<String> names = List.copyOf(sorted);
            Map<String, Integer> index = new HashMap<>();
            for (int c = 0; c < names.size(); c++) {
                index.put(names.get(c), c);
            }
            for (int i = 0; i < values.length; i++) {
                values[i] = index.get(labelCells.get(i));
            }
            return new Labels(values, names);
        }

        private String column(int j) {
            return names != null ? "column \"" + names[j] + "\"" : "column " + (j + 1);
        }

        /** The cells of one line, trimmed; a quoted cell may hold the separator and doubled quotes. */
        private String[] split(String line, int lineNo) throws DataException {
            List<String> cells = new ArrayList<>();
            int n = line.length();
            int i = 0;
            while (true) {
                while (i < n && line.charAt(i) == ' ' && sep != ' ') {
                    i++;
                }
                if (i < n && line.charAt(i) == '"') {
                    StringBuilder cell = new StringBuilder();
                    i++;
                    while (true) {
                        if (i >= n) {
                            throw new DataException(file, "line " + lineNo + ": a quoted cell is not closed (a cell"
                                    + " cannot span lines)");
                        }
                        char c = line.charAt(i++);
                        if (c == '"') {
                            if (i < n && line.charAt(i) == '"') {
                                cell.append('"');
                                i++;
                                continue;
                            }
                            break;
                        }
                        cell.append(c);
                    }
                    while (i < n && line.charAt(i) != sep && Character.isWhitespace(line.charAt(i))) {
                        i++;
                    }
                    if (i < n && line.charAt(i) != sep) {
                        throw new DataException(file, "line " + lineNo + ", cell " + (cells.size() + 1)
                                + ": text after the closing quote");
                    }
                    cells.add(cell.toString().strip());
                } else {
                    int end = line.indexOf(sep, i);
                    end = end < 0 ? n : end;
                    cells.add(line.substring(i, end).strip());
                    i = end;
                }
                if (i >= n) {
                    return cells.toArray(new String[0]);
                }
                i++; // past the separator; a separator at the very end leaves one empty cell
                if (i == n) {
                    cells.add("");
                    return cells.toArray(new String[0]);
                }
            }
        }

        private static boolean parses(String s) {
            try {
                return isNumber(s) && Float.isFinite(Float.parseFloat(s));
            } catch (NumberFormatException e) {
                return false;
            }
        }

        /** Plain decimal notation only: Java would also take "NaN", "1f" or "0x1p3", which a CSV does not mean. */
        private static boolean isNumber(String s) {
            boolean digit = false;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c >= '0' && c <= '9') {
                    digit = true;
                } else if (c != '+' && c != '-' && c != '.' && c != 'e' && c != 'E') {
                    return false;
                }
            }
            return digit;
        }

        private static String shown(String cell) {
            return "\"" + (cell.length() > MAX_SHOWN ? cell.substring(0, MAX_SHOWN) + "..." : cell) + "\"";
        }
    }
}
