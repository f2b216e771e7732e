package dev.bottleneck.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.MemoryBudget;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatasetCatalogTest {

    private static final DatasetCatalog.Options DEFAULTS = DatasetCatalog.Options.defaults(1);

    @Test
    void everyListedNameIsOneTheCatalogSizesWithoutOpeningIt() throws DataException {
        assertTrue(DatasetCatalog.NAMES.contains("dsprites") && DatasetCatalog.NAMES.contains("dsprites32"));
        for (String name : DatasetCatalog.NAMES) {
            assertTrue(DatasetCatalog.estimate(name, DEFAULTS).isPresent(), name);
        }
    }

    @ParameterizedTest
    @CsvSource({"dsprites, 64", "dsprites64, 64", "dSprites-32, 32"})
    void aDspritesNameIsTheWholeGridRenderedWhenRead(String name, int side) throws DataException {
        DatasetCatalog.Size s = DatasetCatalog.estimate(name, DEFAULTS).orElseThrow();
        assertEquals(ShapesDataset.DSPRITES_COUNT, s.examples());
        assertEquals((long) side * side, s.features());
        assertEquals(SampleShape.image(1, side, side), s.shape());
        assertTrue(s.generated() && s.rendered());
        DatasetCatalog.Source source = DatasetCatalog.open(name, DEFAULTS);
        assertEquals(ShapesDataset.DSPRITES_COUNT, source.pool().size());
        assertEquals(s.shape(), source.pool().shape());
        assertTrue(source.pool().isRendered() && source.inUnitRange());
        assertTrue(source.summary().contains("737,280"), source.summary());
    }

    @Test
    void aCountDrawsThatManySpritesFromTheGrid() throws DataException {
        DatasetCatalog.Options options = new DatasetCatalog.Options(1000, 0, 0, 3);
        assertEquals(1000, DatasetCatalog.estimate("dsprites32", options).orElseThrow().examples());
        DatasetCatalog.Source source = DatasetCatalog.open("dsprites32", options);
        assertEquals(1000, source.pool().size());
        assertTrue(source.summary().contains("1,000 of the grid's 737,280 sprites"), source.summary());
    }

    /**
     * The memory check sees what a rendered grid holds, not its pixels: the whole 64x64 grid (3 GB as bytes) opens
     * in a heap whose usable part (three quarters of it here) holds its pool and split, and is refused in one that
     * does not.
     */
    @Test
    void theMemoryCheckCountsTheFactorsNotThePixels() throws DataException {
        DatasetCatalog.Size s = DatasetCatalog.estimate("dsprites", DEFAULTS).orElseThrow();
        long needed = 2 * s.examples() * s.bytesPerExample(); // pool and split
        assertTrue(s.examples() * s.features() > DatasetCatalog.MAX_VALUES, "more pixels than one array holds");
        DatasetCatalog.checkFitsOneArray("dsprites", s, Map.of()); // and yet nothing to refuse: none are held
        assertEquals(ShapesDataset.DSPRITES_COUNT,
                DatasetCatalog.open("dsprites", DEFAULTS, new MemoryBudget(2 * needed)).pool().size());
        MemoryBudget.TooLargeException e = assertThrows(MemoryBudget.TooLargeException.class,
                () -> DatasetCatalog.open("dsprites", DEFAULTS, new MemoryBudget(needed)));
        assertTrue(e.getMessage().startsWith("dsprites needs about " + MemoryBudget.size(needed)), e.getMessage());
    }

    @Test
    void aCountAboveTheGridIsRefusedNamingTheGridsSize() {
        DatasetCatalog.Options options = new DatasetCatalog.Options(800_000, 0, 0, 1);
        DataException e = assertThrows(DataException.class, () -> DatasetCatalog.estimate("dsprites", options));
        assertEquals("dsprites: 800,000 sprites asked for, but the dSprites grid (3 shapes x 6 scales x 40 rotations "
                + "x 32 x 32 positions) has 737,280; allowed: 0 (the whole grid) or 1..737,280", e.getMessage());
        assertThrows(DataException.class, () -> DatasetCatalog.open("dsprites", options));
        assertEquals(737_280, DatasetCatalog.mostExamples("dsprites32").orElseThrow());
        assertFalse(DatasetCatalog.mostExamples("shapes64").isPresent());
    }

    @ParameterizedTest
    @CsvSource({"dsprites48, 48x48", "dsprites128, 128x128", "dsprites0032, 0032x0032"})
    void anotherDspritesSizeIsRefusedWithTheTwoThatExist(String name, String asked) {
        DataException e = assertThrows(DataException.class, () -> DatasetCatalog.estimate(name, DEFAULTS));
        assertEquals(name + ": dSprites comes in 64x64 (dsprites or dsprites64) and 32x32 (dsprites32), not " + asked,
                e.getMessage());
        assertThrows(DataException.class, () -> DatasetCatalog.open(name, DEFAULTS));
    }
}
