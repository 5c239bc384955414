package dev.mcpbridge.wincli;

import static dev.mcpbridge.wincli.WinCliBridge.data;
import static dev.mcpbridge.wincli.WinCliBridge.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mcpbridge.core.spi.Secrets;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection tools: persisted atomically, passwords masked, win-cli's config.json layout understood. */
class SshConnectionsTest {

    @TempDir
    Path work;

    private static Map<String, Object> conn(String host, Object password) {
        java.util.Map<String, Object> c = new java.util.LinkedHashMap<>();
        c.put("host", host);
        c.put("port", 2222);
        c.put("username", "pi");
        if (password != null) {
            c.put("password", password);
        }
        return c;
    }

    @Test
    void createReadUpdateDeleteAreWrittenToTheFile() throws Exception {
        Path file = work.resolve("conf").resolve("ssh.yaml");
        try (WinCliBridge b = WinCliBridge.start(work, Map.of("sshEnabled", "true",
                "sshConnectionsFile", file.toString()))) {
            CallToolResult created = b.call("create_ssh_connection", Map.of("connectionId", "pi",
                    "connectionConfig", conn("raspberrypi.local", "raspberry-pw")));
            assertThat(created.isError()).as(text(created)).isFalse();
            assertThat(text(created)).startsWith("SSH connection 'pi' created");
            JsonNode onDisk = new YAMLMapper().readTree(file.toFile());
            assertThat(onDisk.at("/connections/pi/host").asText()).isEqualTo("raspberrypi.local");
            assertThat(onDisk.at("/connections/pi/password").asText()).isEqualTo("raspberry-pw");
            assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE);
            try (Stream<Path> left = Files.list(file.getParent())) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactly("ssh.yaml");
            }

            assertThat(text(b.call("create_ssh_connection", Map.of("connectionId", "pi",
                    "connectionConfig", conn("x", "y-pass"))))).contains("already exists");

            CallToolResult read = b.call("read_ssh_connections", Map.of());
            assertThat(text(read)).doesNotContain("raspberry-pw");
            JsonNode listed = new ObjectMapper().readTree(text(read));
            assertThat(listed.at("/pi/password").asText()).isEqualTo("****");
            assertThat(data(read)).containsKey("connections");

            // "****" keeps the stored password for the same host, port and user...
            CallToolResult same = b.call("update_ssh_connection", Map.of("connectionId", "pi",
                    "connectionConfig", Map.of("host", "raspberrypi.local", "port", 2222, "username", "pi",
                            "password", "****", "shell", "sh")));
            assertThat(same.isError()).as(text(same)).isFalse();
            onDisk = new YAMLMapper().readTree(file.toFile());
            assertThat(onDisk.at("/connections/pi/password").asText()).isEqualTo("raspberry-pw");
            assertThat(onDisk.at("/connections/pi/shell").asText()).isEqualTo("sh");
            // ...but is never carried to another host.
            CallToolResult moved = b.call("update_ssh_connection", Map.of("connectionId", "pi",
                    "connectionConfig", conn("attacker.example", "****")));
            assertThat(moved.isError()).isTrue();
            assertThat(text(moved)).contains("only kept for the same host, port and username");
            assertThat(new YAMLMapper().readTree(file.toFile()).at("/connections/pi/host").asText())
                    .isEqualTo("raspberrypi.local");

            assertThat(text(b.call("update_ssh_connection", Map.of("connectionId", "nope",
                    "connectionConfig", conn("h", "pw-pw"))))).contains("Unknown SSH connection ID: nope");
            assertThat(text(b.call("create_ssh_connection", Map.of("connectionId", "no key",
                    "connectionConfig", conn("h", null))))).startsWith("Invalid arguments");
            assertThat(text(b.call("create_ssh_connection", Map.of("connectionId", "nokey",
                    "connectionConfig", conn("h", null))))).contains("give a password (or passwordEnv) or a privateKeyPath");

            assertThat(text(b.call("delete_ssh_connection", Map.of("connectionId", "pi")))).startsWith(
                    "SSH connection 'pi' deleted");
            assertThat(new YAMLMapper().readTree(file.toFile()).at("/connections").size()).isZero();
            assertThat(text(b.call("delete_ssh_connection", Map.of("connectionId", "pi"))))
                    .contains("Unknown SSH connection ID");
        }
    }

    @Test
    void aWinCliConfigJsonIsReadAndWrittenInPlace() throws Exception {
        Path file = work.resolve("config.json");
        Files.writeString(file, """
                {
                  "security": { "maxCommandLength": 2000, "blockedCommands": ["rm"] },
                  "ssh": { "enabled": true, "defaultTimeout": 30,
                           "connections": { "dev": { "host": "dev.example.com", "port": 22, "username": "admin",
                                                     "privateKeyPath": "/keys/id_rsa" } } }
                }
                """);
        try (WinCliBridge b = WinCliBridge.start(work, Map.of("sshEnabled", "true",
                "sshConnectionsFile", file.toString()))) {
            JsonNode listed = new ObjectMapper().readTree(text(b.call("read_ssh_connections", Map.of())));
            assertThat(listed.at("/dev/host").asText()).isEqualTo("dev.example.com");
            b.call("create_ssh_connection", Map.of("connectionId", "pi", "connectionConfig", conn("pi.local",
                    "pw-secret")));
        }
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertThat(root.at("/security/blockedCommands/0").asText()).isEqualTo("rm");
        assertThat(root.at("/ssh/defaultTimeout").asInt()).isEqualTo(30);
        assertThat(root.at("/ssh/connections/dev/username").asText()).isEqualTo("admin");
        assertThat(root.at("/ssh/connections/pi/host").asText()).isEqualTo("pi.local");
        assertThat(root.has("connections")).isFalse();
    }

    @Test
    void passwordsCanComeFromTheEnvironment() throws Exception {
        Path file = work.resolve("c.yaml");
        Files.writeString(file, "connections:\n  box:\n    host: h\n    username: u\n    passwordEnv: BOX_PASSWORD\n");
        Secrets secrets = new Secrets();
        SshConnections c = new SshConnections(file, secrets, Map.of("BOX_PASSWORD", "from-env-secret"), 10000, 3,
                20000);
        assertThat(c.target("box").password()).isEqualTo("from-env-secret");
        assertThat(c.target("box").port()).isEqualTo(22);
        assertThat(c.target("box").shell()).isEqualTo(Shell.BASH);
        assertThat(secrets.redact("pw=from-env-secret")).isEqualTo("pw=****");
        SshConnections missing = new SshConnections(file, secrets, Map.of(), 10000, 3, 20000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> missing.target("box"))
                .hasMessageContaining("BOX_PASSWORD (passwordEnv) is not set");
    }
}
