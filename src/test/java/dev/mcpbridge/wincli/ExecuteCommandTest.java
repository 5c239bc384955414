package dev.mcpbridge.wincli;

import static dev.mcpbridge.wincli.WinCliBridge.data;
import static dev.mcpbridge.wincli.WinCliBridge.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.registry.RegisteredTool;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** execute_command with real bash and sh: output, exit codes, directories, limits, audit log, history, resources. */
class ExecuteCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    private static WinCliBridge bridge;
    private static Path allowed;

    @BeforeAll
    static void start() throws IOException {
        allowed = Files.createDirectories(work.resolve("allowed"));
        Files.writeString(allowed.resolve("hello.txt"), "hello file\n");
        Files.createDirectories(allowed.resolve("sub"));
        bridge = WinCliBridge.start(work, Map.of("allowedPaths", allowed.toString(),
                "allowedCommands", "default, seq, sort", "maxOutputBytes", "1000", "maxHistorySize", "1000"));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void anAllowedCommandRunsWithBashAndSh() {
        for (String shell : List.of("bash", "sh")) {
            CallToolResult r = bridge.run(shell, "echo hello world");
            assertThat(r.isError()).isFalse();
            assertThat(text(r)).startsWith("hello world\n").contains("[exit code 0 · ").contains(" · " + shell + " · ");
            assertThat(data(r)).containsEntry("exitCode", 0).containsEntry("stdout", "hello world\n")
                    .containsEntry("stderr", "").containsEntry("shell", shell).containsEntry("timedOut", false)
                    .containsEntry("truncated", false).containsEntry("execution", "direct");
            assertThat(((Number) data(r).get("durationMs")).longValue()).isGreaterThanOrEqualTo(0);
            assertThat(data(r).get("workingDirectory")).isEqualTo(Path.of("").toAbsolutePath().toString());
        }
    }

    @Test
    void linesThatNeedTheShellRunThroughIt() {
        CallToolResult r = bridge.run("bash", "echo \"$HOME\" '$HOME' $((0))x".replace(" $((0))x", ""));
        assertThat(data(r)).containsEntry("execution", "shell");
        assertThat((String) data(r).get("stdout")).isEqualTo(System.getenv("HOME") + " $HOME\n");
        CallToolResult glob = bridge.run("sh", "ls *.txt", allowed.toString());
        assertThat(data(glob)).containsEntry("execution", "shell").containsEntry("stdout", "hello.txt\n");
        CallToolResult builtin = bridge.run("bash", "type ls");
        assertThat(data(builtin)).containsEntry("execution", "shell").containsEntry("exitCode", 0);
    }

    @Test
    void theTestCommandBracketRuns() {
        CallToolResult there = bridge.run("bash", "[ -f hello.txt ]", allowed.toString());
        assertThat(there.isError()).as(text(there)).isFalse();
        assertThat(data(there)).containsEntry("exitCode", 0);
        assertThat(data(bridge.run("sh", "[ -d hello.txt ]", allowed.toString()))).containsEntry("exitCode", 1);
        // A '[' with a ']' in the same word is a pattern: the command's name would not be known.
        assertThat(text(bridge.run("bash", "[ab] x"))).contains("is not literal");
    }

    @Test
    void aWrappersCommandIsCheckedAndRunsWhenAllowed() {
        CallToolResult r = bridge.run("bash", "timeout -s KILL 5 nice -n 5 cat hello.txt", allowed.toString());
        assertThat(r.isError()).as(text(r)).isFalse();
        assertThat(data(r)).containsEntry("stdout", "hello file\n").containsEntry("exitCode", 0);
        assertThat(text(bridge.run("bash", "nohup true"))).as("a wrapper seen through must still be allowed itself")
                .contains("'nohup'", "not an allowed command");
        CallToolResult wrappedRm = bridge.run("bash", "timeout 5 rm -f hello.txt", allowed.toString());
        assertThat(wrappedRm.isError()).isTrue();
        assertThat(text(wrappedRm)).contains("'rm'", "not an allowed command");
        assertThat(allowed.resolve("hello.txt")).exists();
        // Options not known for certain, or an expansion that could move the command: the wrapper is refused.
        assertThat(text(bridge.run("bash", "timeout --weird 5 cat hello.txt"))).contains("runs another command");
        assertThat(text(bridge.run("bash", "nice -n \"$N\" cat hello.txt"))).contains("runs another command");
        assertThat(text(bridge.run("bash", "timeout 5"))).contains("runs another command");
    }

    @Test
    void quotingIsTheShells() {
        CallToolResult r = bridge.run("bash", "printf '%s|' \"a b\" 'c;d' e\\ f $'g\\th'");
        assertThat(data(r)).containsEntry("stdout", "a b|c;d|e f|g\th|");
    }

    @Test
    void aFailingCommandReportsItsExitCodeAndErrorOutput() {
        CallToolResult r = bridge.run("bash", "ls /no/such/directory");
        assertThat(r.isError()).isTrue();
        assertThat(data(r)).containsEntry("exitCode", 2);
        assertThat(text(r)).startsWith("Command failed with exit code 2\nError output:\n")
                .contains("No such file or directory");
        assertThat(data(bridge.run("sh", "false"))).containsEntry("exitCode", 1);
        bridge.assertMatchesOutputSchema("execute_command", r);
        CallToolResult silent = bridge.run("sh", "false");
        assertThat(text(silent)).startsWith("Command failed with exit code 1\nNo error message or output was provided");
    }

    @Test
    void noOutputSaysSo() {
        assertThat(text(bridge.run("bash", "true"))).startsWith("Command completed successfully (no output)");
    }

    @Test
    void theWorkingDirectoryIsContainedByPathComponentsAfterResolvingLinks() throws IOException {
        CallToolResult in = bridge.run("bash", "pwd", allowed.resolve("sub").toString());
        assertThat(data(in)).containsEntry("stdout", allowed.resolve("sub").toRealPath() + "\n");
        CallToolResult relative = bridge.run("bash", "pwd", "sub");
        assertThat(relative.isError()).as(text(relative)).isFalse();

        Path evil = Files.createDirectories(work.resolve("allowed_evil"));
        CallToolResult sibling = bridge.run("bash", "pwd", evil.toString());
        assertThat(sibling.isError()).isTrue();
        assertThat(text(sibling)).contains("outside the allowed directories");

        Path link = allowed.resolve("escape");
        if (!Files.exists(link)) {
            Files.createSymbolicLink(link, Path.of("/etc"));
        }
        CallToolResult viaLink = bridge.run("bash", "pwd", link.toString());
        assertThat(viaLink.isError()).isTrue();
        assertThat(text(viaLink)).contains("outside the allowed directories");

        assertThat(text(bridge.run("bash", "pwd", "/etc"))).contains("outside the allowed directories");
        assertThat(text(bridge.run("bash", "pwd", allowed.resolve("nope").toString()))).contains("does not exist");
        assertThat(text(bridge.run("bash", "pwd", allowed.resolve("hello.txt").toString())))
                .contains("is not a directory");
        assertThat(text(bridge.run("bash", "pwd", allowed + "/../allowed_evil")))
                .contains("outside the allowed directories");
    }

    @Test
    void longOutputKeepsTheHeadAndTheTail() {
        CallToolResult r = bridge.run("bash", "seq 1 20000");
        assertThat(data(r)).containsEntry("truncated", true).containsEntry("exitCode", 0);
        String out = (String) data(r).get("stdout");
        assertThat(out).startsWith("1\n2\n3\n").endsWith("19999\n20000\n").contains("bytes of output omitted");
        assertThat(out.length()).isLessThan(1200);
    }

    @Test
    void everyCommandIsAuditedInTheBridgesAuditLineWithItsFieldsUnderDetails() throws IOException {
        bridge.run("bash", "echo audited");
        bridge.run("bash", "rm -rf /tmp/nothing-here");
        List<String> lines = bridge.audited("rm -rf /tmp/nothing-here").lines().toList();
        JsonNode ran = null;
        JsonNode refused = null;
        for (String line : lines) {
            JsonNode n = JSON.readTree(line);
            if ("echo audited".equals(n.path("details").path("command").asText())) {
                ran = n;
            }
            if ("rm -rf /tmp/nothing-here".equals(n.path("details").path("command").asText())) {
                refused = n;
            }
        }
        assertThat(ran).isNotNull();
        assertThat(ran.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(ran.path("adapter").asText()).isEqualTo("win-cli");
        assertThat(ran.path("tool").asText()).isEqualTo("execute_command");
        assertThat(ran.path("outcome").asText()).isEqualTo("ok");
        assertThat(ran.path("arguments_sha256").asText()).hasSize(64);
        JsonNode details = ran.path("details");
        assertThat(details.path("shell").asText()).isEqualTo("bash");
        assertThat(details.path("dir").asText()).isNotBlank();
        assertThat(details.path("exitCode").asInt()).isZero();
        assertThat(details.path("durationMs").isNumber()).isTrue();
        assertThat(details.path("blocked").asBoolean()).isFalse();
        assertThat(refused).isNotNull();
        assertThat(refused.path("outcome").asText()).isEqualTo("error");
        assertThat(refused.path("details").path("blocked").asBoolean()).isTrue();
        assertThat(refused.path("details").path("why").asText()).contains("'rm' is not an allowed command")
                .contains("WINCLI_ALLOWED_COMMANDS=default,rm");
        assertThat(Files.getPosixFilePermissions(bridge.auditLog)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void theHistoryListsRunAndRefusedCommandsNewestLast() throws Exception {
        bridge.run("bash", "echo first-of-two");
        bridge.run("bash", "rm second-of-two");
        CallToolResult h = bridge.call("get_command_history", Map.of("limit", 2));
        JsonNode entries = JSON.readTree(text(h));
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).path("command").asText()).isEqualTo("echo first-of-two");
        assertThat(entries.get(0).path("exitCode").asInt()).isZero();
        assertThat(entries.get(0).path("output").asText()).startsWith("first-of-two");
        assertThat(entries.get(1).path("command").asText()).isEqualTo("rm second-of-two");
        assertThat(entries.get(1).path("blocked").asBoolean()).isTrue();
        assertThat(entries.get(1).path("exitCode").asInt()).isEqualTo(-1);
        assertThat(data(h)).containsKey("history");
        assertThat(JSON.readTree(text(bridge.call("get_command_history", Map.of()))).size()).isLessThanOrEqualTo(10);
    }

    @Test
    void theHistoryIsCapped(@TempDir Path dir) throws Exception {
        try (WinCliBridge small = WinCliBridge.start(dir, Map.of("maxHistorySize", "3"))) {
            for (int k = 1; k <= 5; k++) {
                small.run("sh", "echo " + k);
            }
            JsonNode entries = JSON.readTree(text(small.call("get_command_history", Map.of("limit", 100))));
            assertThat(entries).hasSize(3);
            assertThat(entries.get(0).path("command").asText()).isEqualTo("echo 3");
            assertThat(entries.get(2).path("command").asText()).isEqualTo("echo 5");
        }
        try (WinCliBridge off = WinCliBridge.start(dir.resolve("x").toFile().mkdirs() ? dir.resolve("x")
                : dir.resolve("x"), Map.of("logCommands", "false"))) {
            off.run("sh", "echo 1");
            assertThat(text(off.call("get_command_history", Map.of()))).startsWith("Command history is disabled");
        }
    }

    @Test
    void allowedOperatorsStillCheckEveryCommand(@TempDir Path dir) {
        try (WinCliBridge pipes = WinCliBridge.start(dir, Map.of("allowedOperators", "| &&",
                "allowedCommands", "default, sort"))) {
            CallToolResult ok = pipes.run("bash", "printf 'b\\na\\n' | sort && echo done");
            assertThat(ok.isError()).as(text(ok)).isFalse();
            assertThat(data(ok)).containsEntry("stdout", "a\nb\ndone\n").containsEntry("execution", "shell");
            CallToolResult second = pipes.run("bash", "echo x | rm -rf /tmp/none");
            assertThat(text(second)).startsWith("Refused: 'rm' is not an allowed command");
            assertThat(text(pipes.run("bash", "echo x; echo y"))).startsWith("Refused: the command separator ';'");
        }
    }

    @Test
    void substitutionsWhenAllowedAreCheckedInside(@TempDir Path dir) {
        try (WinCliBridge subs = WinCliBridge.start(dir, Map.of("allowedOperators", "$()"))) {
            CallToolResult ok = subs.run("bash", "echo \"today: $(uname -s)\"");
            assertThat(data(ok)).containsEntry("stdout", "today: Linux\n");
            assertThat(text(subs.run("bash", "echo $(rm -f /tmp/none)")))
                    .startsWith("Refused: 'rm' (inside $( )) is not an allowed command");
        }
    }

    @Test
    void unavailableShellsAreNamed() {
        CallToolResult r = bridge.run("powershell", "Get-Date");
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).isEqualTo("Shell 'powershell' is not available here (available: bash, sh)");
        CallToolResult bad = bridge.run("zsh", "echo");
        assertThat(text(bad)).startsWith("Invalid arguments for tool 'execute_command'");
    }

    @Test
    void currentDirectoryAndResources() throws Exception {
        String cwd = Path.of("").toAbsolutePath().toRealPath().toString();
        assertThat(text(bridge.call("get_current_directory", Map.of()))).isEqualTo(cwd);
        assertThat(bridge.resource("direct:win-cli.resource.currentdir")).isEqualTo(cwd);
        JsonNode config = JSON.readTree(bridge.resource("direct:win-cli.resource.config"));
        assertThat(config.at("/security/policy").asText()).isEqualTo("allowlist");
        assertThat(config.at("/security/enableInjectionProtection").asBoolean()).isTrue();
        assertThat(config.at("/security/allowedCommands").toString()).contains("\"seq\"", "\"get-childitem\"");
        assertThat(config.at("/security/allowedPaths").toString()).contains(allowed.toRealPath().toString());
        assertThat(config.at("/shells/bash/available").asBoolean()).isTrue();
        assertThat(config.at("/shells/powershell/available").asBoolean()).isFalse();
        assertThat(config.at("/shells/powershell/args").toString())
                .isEqualTo("[\"-NoProfile\",\"-NonInteractive\",\"-Command\",\"<command>\"]");
        assertThat(config.at("/ssh/enabled").asBoolean()).isFalse();
        JsonNode ssh = JSON.readTree(bridge.resource("direct:win-cli.resource.ssh_config"));
        assertThat(ssh.path("enabled").asBoolean()).isFalse();
        assertThat(ssh.path("hostKeyPolicy").asText()).isEqualTo("strict");
    }

    @Test
    void sshToolsExistOnlyWhenSshIsEnabled(@TempDir Path dir) {
        List<String> names = bridge.bridge.registry().tools().stream().map(RegisteredTool::exposedName).toList();
        assertThat(names).containsExactly("execute_command", "get_command_history", "get_current_directory");
        try (WinCliBridge ssh = WinCliBridge.start(dir, Map.of("sshEnabled", "true"))) {
            assertThat(ssh.bridge.registry().tools().stream().map(RegisteredTool::exposedName)).contains(
                    "ssh_execute", "ssh_disconnect", "create_ssh_connection", "read_ssh_connections",
                    "update_ssh_connection", "delete_ssh_connection");
        }
    }

    @Test
    void badSettingsStopTheStartWithTheSettingsName(@TempDir Path dir) {
        assertThatThrownBy(() -> WinCliBridge.start(dir, Map.of("policy", "maybe")))
                .hasMessageContaining("settings.policy: must be allowlist or blocklist");
        assertThatThrownBy(() -> WinCliBridge.start(dir, Map.of("allowedOperators", "; @@")))
                .hasMessageContaining("settings.allowedOperators: '@@' is not an operator");
        assertThatThrownBy(() -> WinCliBridge.start(dir, Map.of("shells", "bash,fish")))
                .hasMessageContaining("settings.shells: 'fish' is not a shell");
        assertThatThrownBy(() -> WinCliBridge.start(dir, Map.of("commandTimeout", "soon")))
                .hasMessageContaining("settings.commandTimeout");
    }

    @Test
    void theAdapterIsOnlyServedWhenShellsAreConfigured() {
        BridgeConfig config = new BridgeConfig();
        config.adapters = List.of("win-cli");
        assertThatThrownBy(() -> Bridge.create(config, Map.of(), Map.of()))
                .hasMessageContaining("win-cli.shells (environment variable WINCLI_SHELLS)");
    }
}
