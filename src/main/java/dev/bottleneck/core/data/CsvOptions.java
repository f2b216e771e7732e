package dev.bottleneck.core.data;

import java.util.Objects;

/**
 * How {@link CsvReader} reads a file: the separator, whether the first row is a header, and which column (if any)
 * holds the labels. Start from {@link #defaults()} and change what differs:
 * {@code CsvOptions.defaults().withSeparator(';').withLabelColumn("species")}.
 *
 * @param separator   the cell separator: {@code ','}, {@code ';'} or {@code '\t'} (any character but a quote or a line
 *                    break)
 * @param header      whether the first row names the columns
 * @param labelColumn the column of class labels, or {@link LabelColumn#none()}
 */
public record CsvOptions(char separator, Header header, LabelColumn labelColumn) {

    /** Whether the first non-blank row is a header. */
    public enum Header {
        /**
         * A header when the first row has a cell that is not a number outside the label column (always when the label
         * column is given by name).
         */
        AUTO,
        /** The first row is a header. */
        PRESENT,
        /** Every row is data. */
        ABSENT
    }

    /** Where the labels are: nowhere, at a column index, or in the column with a given header name. */
    public sealed interface LabelColumn {

        /** No label column: every column is a feature. */
        static LabelColumn none() {
            return new None();
        }

        /** The label column by position: 0 is the first column, -1 the last. */
        static LabelColumn index(int index) {
            return new Index(index);
        }

        /** The label column by its header name (the file must have a header). */
        static LabelColumn named(String name) {
            return new Named(name);
        }

        /** No label column. */
        record None() implements LabelColumn {
        }

        /** Column {@code index}, counted from 0; negative counts from the end (-1 is the last column). */
        record Index(int index) implements LabelColumn {
        }

        /** The column whose header cell is {@code name} (compared after trimming spaces). */
        record Named(String name) implements LabelColumn {
            public Named {
                if (name == null || name.isBlank()) {
                    throw new IllegalArgumentException("a label column name must not be blank");
                }
                name = name.strip();
            }
        }
    }

    public CsvOptions {
        if (separator == '"' || separator == '\n' || separator == '\r') {
            throw new IllegalArgumentException("the separator cannot be a quote or a line break");
        }
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(labelColumn, "labelColumn");
    }

    /** Comma-separated, header detected automatically, no label column. */
    public static CsvOptions defaults() {
        return new CsvOptions(',', Header.AUTO, LabelColumn.none());
    }

    /** The same options with another separator, such as {@code ';'} or {@code '\t'}. */
    public CsvOptions withSeparator(char newSeparator) {
        return new CsvOptions(newSeparator, header, labelColumn);
    }

    /** The same options with the header present, absent or detected. */
    public CsvOptions withHeader(Header newHeader) {
        return new CsvOptions(separator, newHeader, labelColumn);
    }

    /** The same options with labels in column {@code index} (0 is the first column, -1 the last). */
    public CsvOptions withLabelColumn(int index) {
        return new CsvOptions(separator, header, LabelColumn.index(index));
    }

    /** The same options with labels in the column whose header is {@code name}. */
    public CsvOptions withLabelColumn(String name) {
        return new CsvOptions(separator, header, LabelColumn.named(name));
    }

    /** The same options without a label column. */
    public CsvOptions withoutLabels() {
        return new CsvOptions(separator, header, LabelColumn.none());
    }
}
