package dev.mcpbridge.wincli;

import static dev.mcpbridge.wincli.WinCliBridge.data;
import static dev.mcpbridge.wincli.WinCliBridge.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ssh_execute against a real OpenSSH server (Debian's sshd on 127.0.0.1): key authentication, output and exit
 * codes, the remote shell's rules, host key mismatch, timeout (the remote process is killed), connection reuse, and
 * reconnection after the server restarts. Skipped when /usr/sbin/sshd is absent.
 */
class SshExecuteTest {

    @TempDir
    static Path work;
    private static TestSshd sshd;
    private static WinCliBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        sshd = TestSshd.start(Files.createDirectories(work.resolve("sshd")));
        bridge = WinCliBridge.start(work, Map.of("sshEnabled", "true",
                "sshConnectionsFile", sshd.connectionsFile("local").toString(),
                "sshKnownHosts", sshd.knownHosts.toString(),
                "allowedCommands", "default, sleep, sh"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    private static CallToolResult ssh(String command) {
        return bridge.call("ssh_execute", Map.of("connectionId", "local", "command", command));
    }

    @Test
    void keyAuthenticationOutputAndExitCodes() {
        CallToolResult ok = ssh("echo hello from sshd");
        assertThat(ok.isError()).as(text(ok)).isFalse();
        assertThat(text(ok)).startsWith("hello from sshd");
        assertThat(data(ok)).containsEntry("exitCode", 0).containsEntry("connectionId", "local")
                .containsEntry("shell", "bash").containsEntry("timedOut", false);

        bridge.assertMatchesOutputSchema("ssh_execute", ok);
        CallToolResult fail = ssh("ls /no/such/dir");
        bridge.assertMatchesOutputSchema("ssh_execute", fail);
        assertThat(fail.isError()).isTrue();
        assertThat(data(fail)).containsEntry("exitCode", 2);
        assertThat((String) data(fail).get("stderr")).contains("No such file");
        assertThat(text(fail)).startsWith("Command failed with exit code 2");

        CallToolResult f = ssh("false");
        assertThat(data(f)).containsEntry("exitCode", 1);
    }

    @Test
    void theConnectionIsReusedBetweenCommands() {
        ssh("true");
        CallToolResult second = ssh("true");
        assertThat(data(second)).containsEntry("reusedConnection", true);
    }

    @Test
    void commandsAreCheckedWithTheRemoteShellsRules() {
        CallToolResult r = ssh("echo hi; touch " + work.resolve("ssh-canary"));
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).startsWith("Refused: the command separator ';'");
        CallToolResult sub = ssh("echo $(touch " + work.resolve("ssh-canary") + ")");
        assertThat(text(sub)).startsWith("Refused: a command substitution");
        CallToolResult blocked = ssh("rm -rf /tmp/nothing");
        assertThat(text(blocked)).contains("'rm' is not an allowed command");
        assertThat(work.resolve("ssh-canary")).doesNotExist();
    }

    @Test
    void aTimedOutRemoteCommandIsKilledWithItsTerminal() throws Exception {
        String marker = "29" + (System.nanoTime() % 1000) + ".5";
        CallToolResult r = bridge.call("ssh_execute", Map.of("connectionId", "local-pty-2s", "command",
                "sleep " + marker));
        assertThat(r.isError()).isTrue();
        assertThat(data(r)).containsEntry("timedOut", true).containsEntry("remoteKilled", true);
        bridge.assertMatchesOutputSchema("ssh_execute", r);
        assertThat(data(r).get("exitCode")).isNull();
        assertThat(text(r)).startsWith("Command timed out after 2 s; the remote command was killed");
        // sshd runs on this machine: the remote sleep must be gone.
        awaitGone(marker);
        assertThat(ProcessTrees.running(marker)).as("remote sleep %s still running", marker).isFalse();
        assertThat(data(bridge.call("ssh_execute", Map.of("connectionId", "local-pty", "command", "true"))))
                .containsEntry("exitCode", 0);
    }

    @Test
    void aTimeoutSaysWhetherTheServerKilledTheCommand() throws Exception {
        String marker = "28" + (System.nanoTime() % 1000) + ".5";
        CallToolResult r = bridge.call("ssh_execute", Map.of("connectionId", "local-2s", "command", "sleep " + marker));
        assertThat(r.isError()).isTrue();
        assertThat(data(r)).containsEntry("timedOut", true);
        if (Boolean.TRUE.equals(data(r).get("remoteKilled"))) {
            // A non-root login: OpenSSH signalled the command's process group.
            assertThat(text(r)).startsWith("Command timed out after 2 s; the remote command was killed");
            awaitGone(marker);
            assertThat(ProcessTrees.running(marker)).isFalse();
        } else {
            // OpenSSH refuses the "signal" request for root logins: the result must not claim a kill.
            assertThat(text(r)).contains("the server refused to signal the command").contains("may still be running");
            ProcessTrees.withMarker(marker).forEach(ProcessHandle::destroyForcibly);
        }
        assertThat(data(ssh("true"))).containsEntry("exitCode", 0);
    }

    private static void awaitGone(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && ProcessTrees.running(marker)) {
            Thread.sleep(50);
        }
    }

    @Test
    void reconnectsAfterTheServerRestarts() throws Exception {
        assertThat(data(ssh("true"))).containsEntry("exitCode", 0);
        sshd.stop();
        sshd.launch();
        CallToolResult after = ssh("echo back");
        assertThat(after.isError()).as(text(after)).isFalse();
        assertThat(text(after)).startsWith("back");
        assertThat(data(after)).containsEntry("reusedConnection", false);
    }

    @Test
    void disconnectClosesAndTheNextCommandReconnects() {
        ssh("true");
        assertThat(text(bridge.call("ssh_disconnect", Map.of("connectionId", "local")))).isEqualTo(
                "Disconnected from local");
        assertThat(text(bridge.call("ssh_disconnect", Map.of("connectionId", "local"))))
                .isEqualTo("SSH connection 'local' was not connected");
        assertThat(data(ssh("true"))).containsEntry("reusedConnection", false).containsEntry("exitCode", 0);
    }

    @Test
    void aHostKeyMismatchIsRefused() throws Exception {
        Path wrong = work.resolve("wrong_known_hosts");
        Path otherKey = work.resolve("other_host_key");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", otherKey.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        String[] pub = Files.readString(Path.of(otherKey + ".pub")).split("\\s+");
        Files.writeString(wrong, "[127.0.0.1]:" + sshd.port + " " + pub[0] + " " + pub[1] + "\n");
        Path w2 = Files.createDirectories(work.resolve("mismatch"));
        try (WinCliBridge other = WinCliBridge.start(w2, Map.of("sshEnabled", "true",
                "sshConnectionsFile", sshd.connectionsFile("local").toString(), "sshKnownHosts", wrong.toString()))) {
            CallToolResult r = other.call("ssh_execute", Map.of("connectionId", "local", "command", "echo no"));
            assertThat(r.isError()).isTrue();
            assertThat(text(r)).contains("refused").contains("does not match the known_hosts file");
        }
        Path w3 = Files.createDirectories(work.resolve("unknown"));
        try (WinCliBridge other = WinCliBridge.start(w3, Map.of("sshEnabled", "true",
                "sshConnectionsFile", sshd.connectionsFile("local").toString(),
                "sshKnownHosts", w3.resolve("empty_known_hosts").toString()))) {
            CallToolResult r = other.call("ssh_execute", Map.of("connectionId", "local", "command", "echo no"));
            assertThat(r.isError()).isTrue();
            assertThat(text(r)).contains("is not in the known_hosts file (sshHostKeyPolicy: strict)");
        }
    }

    @Test
    void acceptNewRecordsAnUnknownHostsKey() throws Exception {
        Path w = Files.createDirectories(work.resolve("accept-new"));
        Path known = w.resolve("known_hosts");
        try (WinCliBridge other = WinCliBridge.start(w, Map.of("sshEnabled", "true", "sshHostKeyPolicy", "accept-new",
                "sshConnectionsFile", sshd.connectionsFile("local").toString(), "sshKnownHosts", known.toString()))) {
            CallToolResult r = other.call("ssh_execute", Map.of("connectionId", "local", "command", "echo first"));
            assertThat(r.isError()).as(text(r)).isFalse();
        }
        assertThat(Files.readString(known)).contains("127.0.0.1").contains("ssh-ed25519");
    }
}
