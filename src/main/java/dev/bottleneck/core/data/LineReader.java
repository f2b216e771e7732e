package dev.bottleneck.core.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads lines of text like {@link java.io.BufferedReader#readLine()}, but refuses a line longer than a limit instead
 * of growing a string to the size of the file: a 1 GB file without a newline is refused after the limit, not read
 * into memory. Lines end at {@code \n}, {@code \r\n} or {@code \r}.
 */
final class LineReader {

    private final Reader in;
    private final Path file;
    private final int maxChars;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int end;
    private boolean skipLf;     // the last line ended at \r: a \n right after it belongs to that line end
    private final StringBuilder line = new StringBuilder();

    LineReader(Reader in, Path file, int maxChars) {
        this.in = in;
        this.file = file;
        this.maxChars = maxChars;
    }

    /**
     * The next line without its end, or null at the end of the input.
     *
     * @param lineNo the number the line will have, for the message
     * @throws DataException when the line is longer than the limit
     */
    String readLine(int lineNo) throws IOException {
        line.setLength(0);
        boolean any = false;
        while (true) {
            if (pos == end) {
                end = in.read(buf, 0, buf.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    return any ? line.toString() : null;
                }
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            any = true;
            int start = pos;
            while (pos < end && buf[pos] != '\n' && buf[pos] != '\r') {
                pos++;
            }
            if (line.length() + (pos - start) > maxChars) {
                throw new DataException(file, String.format(Locale.ROOT, "line %,d is longer than the %,d characters "
                        + "a line may have (is it a text file with one example per line?)", lineNo, maxChars));
            }
            line.append(buf, start, pos - start);
            if (pos < end) {
                skipLf = buf[pos] == '\r';
                pos++;
                return line.toString();
            }
        }
    }
}
