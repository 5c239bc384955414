package dev.mcpbridge.wincli;

import static dev.mcpbridge.wincli.WinCliBridge.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.testkit.Swapper;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The workingDir race: while the requested directory is swapped with a link to a directory outside the allowed
 * paths, over and over, commands are run in it. Whatever the interleaving, none may run outside: it lists the
 * inside directory, or is refused, or stops before running because its directory is not the one checked. The
 * assertion is "never escaped in N tries", which only a real escape can fail.
 */
class WorkingDirRaceTest {

    private static final int TRIES = 100;

    @TempDir
    Path work;

    @ParameterizedTest(name = "sandbox {0}")
    @ValueSource(strings = {"none", "auto"})
    void commandsNeverRunInTheSwappedInDirectory(String sandbox) throws Exception {
        Path allowed = Files.createDirectories(work.resolve("allowed"));
        Path outside = Files.createDirectories(work.resolve("outside"));
        Files.writeString(outside.resolve("OUTSIDE-MARKER"), "x");
        Path sub = Files.createDirectories(allowed.resolve("sub"));
        Files.writeString(sub.resolve("inside-file"), "x");
        Path link = Files.createSymbolicLink(allowed.resolve("link"), outside);
        int escaped = 0;
        int ranInside = 0;
        int stopped = 0;
        try (WinCliBridge bridge = WinCliBridge.start(work, Map.of("allowedPaths", allowed.toString(),
                "allowedCommands", "default, touch", "sandbox", sandbox));
                Swapper swapper = Swapper.start(sub, link, work)) {
            for (int k = 0; k < TRIES; k++) {
                boolean write = k % 2 == 1;
                CallToolResult r = bridge.run("bash", write ? "touch created-" + k : "ls", sub.toString());
                String out = text(r);
                if (out.contains("OUTSIDE-MARKER")) {
                    escaped++;
                } else if (out.contains("inside-file") || (write && !r.isError())) {
                    ranInside++;
                } else {
                    stopped++;
                }
            }
            System.err.printf("workingDir race (%s, sandbox %s): %d tries, %d ran inside, %d refused or stopped, "
                    + "%d escaped%n", swapper.how(), sandbox, TRIES, ranInside, stopped, escaped);
        }
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("files created outside")
                    .containsExactly("OUTSIDE-MARKER");
        }
        assertThat(escaped).as("commands that ran in the outside directory").isZero();
    }
}
