package dev.mcpbridge.wincli;

import static dev.mcpbridge.wincli.WinCliBridge.data;
import static dev.mcpbridge.wincli.WinCliBridge.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bubblewrap sandbox: containment that holds whatever the parser missed. Skipped, saying why, where bubblewrap
 * is not installed or cannot create a sandbox (.ci/run installs it). Each containment claim has its control run
 * without the sandbox, so the test shows the difference rather than assuming it.
 */
class SandboxTest {

    @TempDir
    static Path work;
    private static String why;

    @BeforeAll
    static void probe() throws Exception {
        Path bwrap = Shell.onPath("bwrap", "/usr/bin:/bin:" + System.getenv("PATH")).orElse(null);
        if (bwrap == null) {
            why = "bubblewrap (bwrap) is not installed";
            return;
        }
        Process p = new ProcessBuilder(bwrap.toString(), "--unshare-pid", "--ro-bind", "/", "/", "--dev", "/dev",
                "--proc", "/proc", "true").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        why = p.waitFor() == 0 ? null : "bwrap cannot create a sandbox here: " + out;
    }

    private static WinCliBridge bridge(Path dir, String sandbox, String... more) throws Exception {
        Map<String, Object> s = new java.util.HashMap<>(Map.of("allowedPaths", dir.toString(), "sandbox", sandbox,
                "allowedCommands", "default, touch, sleep, mkdir", "allowedOperators", "&"));
        for (int k = 0; k + 1 < more.length; k += 2) {
            s.put(more[k], more[k + 1]);
        }
        return WinCliBridge.start(dir, s);
    }

    @Test
    void theBridgesEnvironmentIsOutOfReach() throws Exception {
        assumeTrue(why == null, () -> why);
        long pid = ProcessHandle.current().pid();
        Path dir = Files.createDirectories(work.resolve("environ"));
        try (WinCliBridge boxed = bridge(dir, "bwrap"); WinCliBridge open = bridge(dir, "none")) {
            CallToolResult control = open.run("bash", "cat /proc/" + pid + "/environ", dir.toString());
            assertThat(control.isError()).as("control: without a sandbox the bridge's environ is readable: %s",
                    text(control)).isFalse();
            CallToolResult r = boxed.run("bash", "cat /proc/" + pid + "/environ", dir.toString());
            assertThat(r.isError()).isTrue();
            assertThat(text(r)).contains("No such file");
            assertThat(text(boxed.run("bash", "ls /proc", dir.toString()))).doesNotContain("\n" + pid + "\n");
        }
    }

    @Test
    void onlyTheAllowedPathsAreWritable() throws Exception {
        assumeTrue(why == null, () -> why);
        Path dir = Files.createDirectories(work.resolve("writable"));
        Path outside = Files.createDirectories(work.resolve("outside"));
        try (WinCliBridge boxed = bridge(dir, "bwrap"); WinCliBridge open = bridge(dir, "none")) {
            CallToolResult inside = boxed.run("bash", "touch made-inside", dir.toString());
            assertThat(inside.isError()).as(text(inside)).isFalse();
            assertThat(dir.resolve("made-inside")).exists();
            CallToolResult r = boxed.run("bash", "touch " + outside.resolve("made-outside"), dir.toString());
            assertThat(r.isError()).isTrue();
            // Under /tmp, which is private in the sandbox: the host's directory is not even there.
            assertThat(text(r)).containsPattern("Read-only file system|No such file");
            assertThat(outside.resolve("made-outside")).doesNotExist();
            Path varTmp = Path.of("/var/tmp");
            if (Files.isDirectory(varTmp) && Files.isWritable(varTmp)) {
                Path probe = varTmp.resolve("mcp-bridge-probe-" + ProcessHandle.current().pid());
                CallToolResult ro = boxed.run("bash", "touch " + probe, dir.toString());
                assertThat(text(ro)).contains("Read-only file system");
                assertThat(probe).doesNotExist();
            }
            // /tmp is private: what a command leaves there is gone, and the host's /tmp is untouched.
            assertThat(boxed.run("bash", "mkdir /tmp/mcp-bridge-sandbox-probe", dir.toString()).isError()).isFalse();
            assertThat(Path.of("/tmp/mcp-bridge-sandbox-probe")).doesNotExist();
            CallToolResult control = open.run("bash", "touch " + outside.resolve("made-outside"), dir.toString());
            assertThat(control.isError()).as("control: %s", text(control)).isFalse();
        }
    }

    @Test
    void noNetworkWhenToldSo() throws Exception {
        assumeTrue(why == null, () -> why);
        Path dir = Files.createDirectories(work.resolve("net"));
        try (WinCliBridge boxed = bridge(dir, "bwrap", "sandboxNetwork", "false")) {
            String devices = text(boxed.run("bash", "cat /proc/net/dev", dir.toString()));
            assertThat(devices).contains("lo:");
            assertThat(devices.lines().filter(l -> l.contains(":")).count()).isEqualTo(1);
        }
    }

    @Test
    void backgroundProcessesDieWithTheSandbox() throws Exception {
        assumeTrue(why == null, () -> why);
        Path dir = Files.createDirectories(work.resolve("bg"));
        String marker = "31" + System.nanoTime() % 1000;
        try (WinCliBridge boxed = bridge(dir, "bwrap")) {
            CallToolResult r = boxed.run("bash", "sleep " + marker + " &", dir.toString());
            assertThat(data(r)).containsEntry("exitCode", 0);
            assertThat(ProcessHandle.allProcesses().filter(h -> h.info().commandLine().orElse("")
                    .contains("sleep " + marker)).filter(ProcessHandle::isAlive).filter(h -> !ProcessRunner.gone(h))
                    .toList()).isEmpty();
            assertThat(boxed.resource("direct:win-cli.resource.config")).contains("bwrap");
        }
    }

    @Test
    void bwrapRequiredButMissingStopsStartUpWithTheFix() {
        Containment none = Containment.create("auto", true, java.util.List.of(), "/nonexistent", false);
        assertThat(none.describe().get("sandbox").toString()).satisfiesAnyOf(
                d -> assertThat(d).startsWith("bwrap"), d -> assertThat(d).startsWith("none ("));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Containment.create("jail", true,
                java.util.List.of(), "", false)).hasMessageContaining("win-cli.sandbox must be auto, bwrap or none");
    }
}
