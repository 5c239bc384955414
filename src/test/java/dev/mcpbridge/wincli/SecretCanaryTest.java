package dev.mcpbridge.wincli;

import static dev.mcpbridge.wincli.WinCliBridge.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.core.spi.Arguments;
import dev.mcpbridge.core.spi.Secrets;
import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolCallContext;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets a child could read, with canary values: the github token when the github adapter is not served, names
 * that only look secret, and the history and audit log of commands that print or carry a secret.
 */
class SecretCanaryTest {

    private static final String GITHUB = "ghp_canaryGithubToken0123456789";
    private static final Map<String, String> CANARIES = Map.of("GITHUB_PERSONAL_ACCESS_TOKEN", GITHUB,
            "GITHUB_TOKEN", "gho_canaryFallback987654", "OPENAI_API_KEY", "sk-canary-openai-111",
            "AWS_SECRET_ACCESS_KEY", "canary-aws-secret-222", "DB_PASSWORD", "canary-db-password-333",
            "SOME_SERVICE_KEY", "canary-service-key-444", "MY_CREDENTIALS", "canary-credentials-555");

    @TempDir
    Path work;

    @Test
    void noCanaryReachesAChildEvenWhenNoAdapterDeclaresIt() throws Exception {
        Map<String, String> env = new LinkedHashMap<>(CANARIES);
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", System.getenv("HOME"));
        Secrets secrets = new Secrets();
        WinCliSettings settings = WinCliSettingsForTests.of(Map.of("shells", "bash", "auditLog", "none",
                "allowedCommands", "default, printenv, env", "sshConnectionsFile", work.resolve("c.yaml").toString()));
        LocalCommands tools = new LocalCommands(settings, secrets, new CommandRules(settings),
                new CommandLog(settings, secrets), () -> env, Path.of("").toAbsolutePath(), Shell.windowsHost());
        for (String command : List.of("printenv", "echo $GITHUB_PERSONAL_ACCESS_TOKEN $OPENAI_API_KEY $DB_PASSWORD",
                "env")) {
            Object result;
            try {
                result = tools.executeCommand(new Arguments(Map.of("shell", "bash", "command", command)),
                        ToolCallContext.detached("execute_command"));
            } catch (RuntimeException refused) {
                result = refused.getMessage();
            }
            String out = result instanceof TextResult t ? t.text() : String.valueOf(result);
            for (Map.Entry<String, String> c : CANARIES.entrySet()) {
                assertThat(out).as("%s: %s", command, c.getKey()).doesNotContain(c.getKey() + "=")
                        .doesNotContain(c.getValue());
            }
        }
    }

    @Test
    void anUnservedAdaptersTokenIsMaskedInResultsHistoryAndAudit() throws Exception {
        try (WinCliBridge b = WinCliBridge.start(work, Map.of(), Map.of("GITHUB_PERSONAL_ACCESS_TOKEN", GITHUB))) {
            assertThat(b.bridge.registry().find("get_me")).as("github is not served").isEmpty();
            CallToolResult r = b.run("bash", "echo token " + GITHUB);
            assertThat(text(r)).contains("token ****").doesNotContain(GITHUB);
            CallToolResult refused = b.run("bash", "rm " + GITHUB);
            assertThat(text(refused)).doesNotContain(GITHUB);
            String history = text(b.call("get_command_history", Map.of()));
            assertThat(history).contains("echo token ****").doesNotContain(GITHUB);
            assertThat(b.audited("rm ****")).contains("****").doesNotContain(GITHUB);
        }
    }

    @Test
    void namesThatLookSecret() {
        assertThat(List.of("GITHUB_PERSONAL_ACCESS_TOKEN", "X_SECRET_Y", "DB_PASSWORD", "OPENAI_API_KEY",
                "AWS_SECRET_ACCESS_KEY", "SSH_KEY", "npm_token")).allMatch(Secrets::looksSecret);
        assertThat(List.of("PATH", "HOME", "KEYBOARD", "LANG", "TERM", "MONKEY")).noneMatch(Secrets::looksSecret);
    }
}
