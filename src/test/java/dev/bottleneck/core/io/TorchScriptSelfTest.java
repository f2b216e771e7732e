package dev.bottleneck.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code interop/export_torch.py --self-test} passes where {@code /usr/bin/python3} has PyTorch (skipped elsewhere,
 * as in CI): every family, MLP and convolutional, the beta-TCVAE with its objective fields included, round-trips
 * through the files in PyTorch, and the beta-TCVAE estimator's identities hold (MI + TC + dim is the one-sample KL
 * whatever N, every row of weights sums to 1). The committed demo files test the script against Bottleneck; this
 * keeps the script's own checks from rotting between regenerations.
 */
class TorchScriptSelfTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("interop/export_torch.py");

    @Test
    void exportTorchSelfTestPasses(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && Files.exists(SCRIPT), "no /usr/bin/python3 or " + SCRIPT);
        Path err = tmp.resolve("err.txt");
        Process p = new ProcessBuilder(PYTHON.toString(), SCRIPT.toString(), "--self-test").redirectError(err.toFile())
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the self-test did not finish");
        String errors = Files.readString(err);
        assumeTrue(!errors.contains("No module named"), "no PyTorch or NumPy for /usr/bin/python3");
        assertEquals(0, p.exitValue(), errors);
        assertTrue(out.contains("self-test passed"), out + errors);
    }
}
