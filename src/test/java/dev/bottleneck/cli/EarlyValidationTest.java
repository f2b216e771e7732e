package dev.bottleneck.cli;

import static dev.bottleneck.cli.CliErrorsTest.assertOneErrorLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 10, item 9: flags are checked before the data loads, with the allowed range. The dataset given is a path
 * that does not exist: a flag refused before loading is refused for itself, not for the missing file.
 */
class EarlyValidationTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--batch-size|0|--batch-size must be at least 1",
        "--batch-size|-5|--batch-size must be at least 1",
        "--epochs|0|--epochs must be 1..100,000, not 0",
        "--epochs|2000000000|--epochs must be 1..100,000",
        "--lr|-0.1|--lr must be a positive finite number, not -0.1",
        "--lr|0|--lr must be a positive finite number",
        "--lr|Infinity|--lr must be a positive finite number",
        "--lr|NaN|--lr must be a positive finite number",
        "--train-size|-1|--train-size must be 0 (all the training examples) or a positive count",
        "--count|-3|--count must be 0",
        "--image-size|-28|--image-size must be 0",
        "--val-fraction|1.5|--val-fraction must lie in [0, 1)",
        "--threads|100000|--threads: BLAS threads must be 1..",
        "--threads|0|--threads: BLAS threads must be 1..",
    })
    void aBadTrainingFlagIsRefusedBeforeTheDataLoads(String flag, String value, String expected) {
        Path missing = dir.resolve("not-there.csv");
        List<String> args = new ArrayList<>(List.of("train", "--dataset", missing.toString(), "--model", "ae",
                "--hidden", "8", "--latent", "1"));
        args.add(flag);
        args.add(value);
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertOneErrorLine(run, expected);
    }

    @Test
    void aTrainSizeLargerThanTheDataIsRefusedWithTheRange() {
        CliRun run = CliRun.of("train", "--dataset", "moons", "--count", "100", "--model", "ae", "--likelihood",
                "gaussian", "--hidden", "8", "--latent", "1", "--train-size", "5000");
        assertOneErrorLine(run, "--train-size 5,000 is more than the 70 training examples moons has after "
                + "validation and test; allowed: 0 (all) or 1..70");
    }

    @Test
    void aCountAboveTheDspritesGridIsRefusedWithTheRange() {
        CliRun run = CliRun.of("train", "--dataset", "dsprites32", "--count", "800000", "--model", "ae",
                "--hidden", "8", "--latent", "1");
        assertOneErrorLine(run, "--count 800,000 is more than the 737,280 sprites of the dSprites grid; allowed: 0 "
                + "(the whole grid) or 1..737,280");
    }

    @Test
    void aDspritesSizeThatDoesNotExistIsRefusedWithTheTwoThatDo() {
        CliRun run = CliRun.of("train", "--dataset", "dsprites48", "--model", "ae", "--hidden", "8", "--latent", "1");
        assertOneErrorLine(run, "dsprites48: dSprites comes in 64x64 (dsprites or dsprites64) and 32x32 "
                + "(dsprites32), not 48x48");
    }

    @Test
    void aTrainSizeWithinTheDataTrains() {
        CliRun run = CliRun.of("train", "--dataset", "moons", "--count", "100", "--model", "ae", "--likelihood",
                "gaussian", "--hidden", "8", "--latent", "1", "--train-size", "70", "--epochs", "1");
        assertEquals(0, run.exit(), run::toString);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--count 200000000|choose a smaller --count",
        "--count -7|--count must be 0",
        "--train-size -5|--train-size must be 0",
        "--train-size 100000|--train-size 100,000 is more than the",
    })
    void aRecordedCommandThatAsksForAnImpossibleDatasetNamesTheFolder(String flags, String expected)
            throws Exception {
        Path folder = dir.resolve("pca");
        CliRun train = CliRun.of("train", "--dataset", "moons", "--count", "100", "--model", "pca", "--latent", "1",
                "--out", folder.toString());
        assertEquals(0, train.exit(), train::toString);
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(folder.resolve("model.json").toFile());
        String command = manifest.get("command").asText();
        assertTrue(command.contains("--count 100"), command);
        manifest.put("command", command.replace("--count 100", flags));
        // As a folder from before the split's settings were typed: its command is then where they come from.
        ((ObjectNode) manifest.get("dataset")).remove("split");
        json.writeValue(folder.resolve("model.json").toFile(), manifest);
        CliRun run = CliRun.of("eval", "--model", folder.toString());
        assertOneErrorLine(run, folder + ": the train command it records asks for a dataset that cannot be made: ");
        assertTrue(run.err().contains(expected), run::toString);
    }
}
