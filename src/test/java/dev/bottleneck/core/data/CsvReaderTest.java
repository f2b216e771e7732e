package dev.bottleneck.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    @TempDir
    Path tmp;

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    /** Asserts that {@code read} fails with exactly {@code "file: problem"}. */
    private static void assertFails(Path file, String problem, Executable read) {
        DataException e = assertThrows(DataException.class, read);
        assertEquals(file + ": " + problem, e.getMessage());
        assertEquals(file, e.file());
    }

    @Test
    void headerAndStringLabelColumnGiveSortedClassNames() throws IOException {
        Path file = csv("iris.csv", """
                sepal_length,sepal_width,species
                5.1,3.5,setosa
                7.0,3.2,versicolor
                6.3,3.3,Virginica
                4.9,3.0,setosa
                """);
        Dataset d = CsvReader.read(file, CsvOptions.defaults().withLabelColumn("species"));

        assertEquals("iris", d.name());
        assertEquals(SampleShape.vector(2), d.shape());
        assertEquals(4, d.size());
        assertArrayEquals(new float[] {5.1f, 3.5f, 7.0f, 3.2f, 6.3f, 3.3f, 4.9f, 3.0f}, d.toFloatArray());
        Labels labels = d.labels().orElseThrow();
        assertEquals(List.of("setosa", "versicolor", "Virginica"), labels.names());
        assertArrayEquals(new int[] {0, 1, 2, 0}, labels.values());
    }

    @Test
    void integerLabelsAreClassesSortedByValue() throws IOException {
        Path file = csv("points.csv", "0.5,1,10\n1.5,2,3\n2.5,3,10\n");
        Dataset d = CsvReader.read(file, CsvOptions.defaults().withLabelColumn(-1));
        assertEquals(SampleShape.vector(2), d.shape());
        assertEquals(List.of("3", "10"), d.labels().orElseThrow().names());
        assertArrayEquals(new int[] {1, 0, 1}, d.labels().orElseThrow().values());
    }

    @Test
    void numbersOnlyFileHasNoHeaderAndNoLabels() throws IOException {
        Path file = csv("plain.csv", "1,2,3\n-4.5,1e-3,+6\n\n");
        Dataset d = CsvReader.read(file);
        assertEquals(2, d.size());
        assertFalse(d.labels().isPresent());
        assertArrayEquals(new float[] {1, 2, 3, -4.5f, 1e-3f, 6}, d.toFloatArray());
    }

    @Test
    void semicolonAndTabSeparatorsAreAccepted() throws IOException {
        Path semi = csv("semi.csv", "x;y\n1;2\n");
        Path tab = csv("tab.tsv", "x\ty\n1\t2\n");
        assertArrayEquals(new float[] {1, 2}, CsvReader.read(semi, CsvOptions.defaults().withSeparator(';')).toFloatArray());
        assertArrayEquals(new float[] {1, 2}, CsvReader.read(tab, CsvOptions.defaults().withSeparator('\t')).toFloatArray());
    }

    @Test
    void quotedCellsMayHoldTheSeparator() throws IOException {
        Path file = csv("quoted.csv", "\"a\",\"b\",\"kind\"\n1,2,\"big, \"\"round\"\"\"\n3,4,small\n");
        Dataset d = CsvReader.read(file, CsvOptions.defaults().withLabelColumn("kind"));
        assertEquals(List.of("big, \"round\"", "small"), d.labels().orElseThrow().names());
    }

    @Test
    void byteOrderMarkIsIgnored() throws IOException {
        Path file = csv("bom.csv", "\uFEFFx,y\n1,2\n");
        assertArrayEquals(new float[] {1, 2}, CsvReader.read(file).toFloatArray());
    }

    @Test
    void nonNumericCellNamesLineColumnAndCell() throws IOException {
        Path file = csv("iris.csv", "sepal_length,sepal_width,species\n5.1,3.5,setosa\n7.0,abc,versicolor\n");
        assertFails(file, "line 3, column \"sepal_width\": \"abc\" is not a number",
                () -> CsvReader.read(file, CsvOptions.defaults().withLabelColumn("species")));
    }

    @Test
    void nonNumericCellWithoutHeaderNamesColumnByNumber() throws IOException {
        Path file = csv("plain.csv", "1,2,3\n4,5,6\n7,8,NaN\n");
        assertFails(file, "line 3, column 3: \"NaN\" is not a number", () -> CsvReader.read(file));
    }

    @Test
    void emptyCellIsNamed() throws IOException {
        Path file = csv("gap.csv", "1,2,3\n4,,6\n");
        assertFails(file, "line 2, column 2: empty cell where a number was expected", () -> CsvReader.read(file));
    }

    @Test
    void numberTooLargeForAFloatIsRefused() throws IOException {
        Path file = csv("huge.csv", "1,2\n3,1e99\n");
        assertFails(file, "line 2, column 2: \"1e99\" is too large for a float", () -> CsvReader.read(file));
    }

    @Test
    void rowOfDifferentLengthIsNamed() throws IOException {
        Path file = csv("ragged.csv", "a,b,c\n1,2,3\n\n4,5\n");
        assertFails(file, "line 4 has 2 columns, but line 1 has 3", () -> CsvReader.read(file));
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        Path file = csv("empty.csv", "");
        assertFails(file, "empty file: no rows", () -> CsvReader.read(file));
    }

    @Test
    void headerWithoutRowsIsRefused() throws IOException {
        Path file = csv("header-only.csv", "x,y\n");
        assertFails(file, "no data rows: only the header (line 1)", () -> CsvReader.read(file));
    }

    @Test
    void missingLabelColumnNameListsTheHeader() throws IOException {
        Path file = csv("data.csv", "x,y,kind\n1,2,a\n");
        assertFails(file, "no column named \"class\" for the labels; the header (line 1) has x, y, kind",
                () -> CsvReader.read(file, CsvOptions.defaults().withLabelColumn("class")));
    }

    @Test
    void labelColumnIndexOutsideTheRowIsRefused() throws IOException {
        Path file = csv("data.csv", "1,2\n");
        assertFails(file, "label column 5 does not exist: line 1 has 2 columns",
                () -> CsvReader.read(file, CsvOptions.defaults().withLabelColumn(5)));
    }

    @Test
    void headerForcedAbsentMakesATextFirstRowAnError() throws IOException {
        Path file = csv("data.csv", "x,y\n1,2\n");
        assertFails(file, "line 1, column 1: \"x\" is not a number",
                () -> CsvReader.read(file, CsvOptions.defaults().withHeader(CsvOptions.Header.ABSENT)));
    }

    @Test
    void unclosedQuoteIsNamed() throws IOException {
        Path file = csv("data.csv", "1,2\n3,\"4\n");
        assertFails(file, "line 2: a quoted cell is not closed (a cell cannot span lines)", () -> CsvReader.read(file));
    }

    @Test
    void fileThatIsNotUtf8TextIsRefused() throws IOException {
        Path file = Files.write(tmp.resolve("latin1.csv"), new byte[] {'x', ',', (byte) 0xE9, '\n', '1', ',', '2'});
        assertFails(file, "is not UTF-8 text", () -> CsvReader.read(file));
    }

    @Test
    void pathThatDoesNotExistIsNamed() {
        Path missing = tmp.resolve("missing.csv");
        assertFails(missing, "does not exist", () -> CsvReader.read(missing));
    }

    @Test
    void failedReadLeavesLoadedDatasetIntact() throws IOException {
        Dataset loaded = CsvReader.read(csv("good.csv", "x,y,k\n1,2,a\n3,4,b\n"),
                CsvOptions.defaults().withLabelColumn("k"));
        Path bad = csv("bad.csv", "x,y,k\n1,oops,c\n");
        assertThrows(DataException.class, () -> CsvReader.read(bad, CsvOptions.defaults().withLabelColumn("k")));

        assertArrayEquals(new float[] {1, 2, 3, 4}, loaded.toFloatArray());
        assertEquals(List.of("a", "b"), loaded.labels().orElseThrow().names());
        assertEquals("good", loaded.name());
    }
}
