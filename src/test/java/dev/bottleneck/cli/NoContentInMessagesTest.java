package dev.bottleneck.cli;

import static dev.bottleneck.cli.CliErrorsTest.assertOneErrorLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10, item 7: a file that is not a model description is named and its problem said, but none of its content
 * is echoed (Jackson's messages quote the token they choke on: "Unrecognized token 'root'" for /etc/passwd).
 */
class NoContentInMessagesTest {

    private static final String SECRET = "s3cr3t-token";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
        "root:x:0:0:" + SECRET + ":/root:/bin/bash\n",
        SECRET + "\n",
        "{\"" + SECRET + "\" " + SECRET + "}",
        "[\"" + SECRET + "\", ",
        "{\"formatVersion\": 1, \"modelConfig\": {\"family\": \"ae\", \"inputDim\": \"" + SECRET + "\"}, "
                + "\"parameters\": {}}",
        "{\"formatVersion\": 1, \"modelConfig\": {\"family\": \"" + SECRET + "<>\"}, \"parameters\": {}}",
        "{\"formatVersion\": 1, \"seed\": [\"" + SECRET + "\"], \"modelConfig\": {\"family\": \"pca\", "
                + "\"inputDim\": 2, \"latentDim\": 1}, \"parameters\": {}}",
    })
    void aModelJsonThatIsNotAManifestIsNamedButNotQuoted(String content) throws Exception {
        Path folder = dir.resolve("m");
        Files.createDirectories(folder);
        Path secret = dir.resolve("private.txt");
        Files.writeString(secret, content);
        Files.createSymbolicLink(folder.resolve("model.json"), secret);
        CliRun run = CliRun.of("eval", "--model", folder.toString());
        assertOneErrorLine(run, folder.resolve("model.json").toString());
        assertFalse(run.err().contains(SECRET), run::toString);
        assertFalse(run.err().contains("root"), run::toString);
    }

    @Test
    void etcPasswdLinkedAsModelJsonIsNotQuoted() throws Exception {
        Path passwd = Path.of("/etc/passwd");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(passwd));
        Path folder = dir.resolve("m");
        Files.createDirectories(folder);
        Files.createSymbolicLink(folder.resolve("model.json"), passwd);
        CliRun run = CliRun.of("eval", "--model", folder.toString());
        assertOneErrorLine(run, folder.resolve("model.json") + ": corrupt JSON: it cannot be parsed (line 1, column");
        String first = Files.readAllLines(passwd).get(0);
        String firstToken = first.split("[:\\s]")[0];
        assertFalse(run.err().contains("'" + firstToken + "'") || run.err().contains(first), run::toString);
        assertEquals(2, run.exit());
    }
}
