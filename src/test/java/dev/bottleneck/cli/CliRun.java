package dev.bottleneck.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the command line, its output and errors captured. */
record CliRun(int exit, String out, String err) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = BottleneckCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** The whole of standard output as one JSON value; fails if there is anything before or after it. */
    JsonNode json() {
        try {
            return JSON.readTree(out);
        } catch (Exception e) {
            throw new AssertionError("stdout is not one JSON value: " + e.getMessage() + "\n" + out, e);
        }
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
    }
}
