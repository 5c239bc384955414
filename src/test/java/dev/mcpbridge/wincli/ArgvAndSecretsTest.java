package dev.mcpbridge.wincli;

import static dev.mcpbridge.wincli.WinCliBridge.data;
import static dev.mcpbridge.wincli.WinCliBridge.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.core.spi.Arguments;
import dev.mcpbridge.core.spi.Secrets;
import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolCallContext;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The argument vectors each shell gets (PowerShell, pwsh, cmd and Git Bash through a stand-in executable that
 * records them, since they are not installed here; the Windows command-line quoting against a reference parser),
 * and secrets: kept out of children's environments and masked in results, history and the audit log.
 */
class ArgvAndSecretsTest {

    @TempDir
    Path work;

    private Path fake(Path invocations) throws IOException {
        Path fake = work.resolve("fake-shell.sh");
        Files.writeString(fake, "#!/bin/sh\nf=$(mktemp " + invocations + "/inv.XXXXXX)\nprintf '%s\\0' \"$@\" > \"$f\"\n"
                + "echo fake-shell ran\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        return fake;
    }

    private static List<String> lastInvocation(Path invocations) throws IOException {
        try (Stream<Path> files = Files.list(invocations)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            String raw = Files.readString(all.get(0), StandardCharsets.UTF_8);
            Files.delete(all.get(0));
            return Arrays.asList(raw.substring(0, raw.length() - 1).split("\0", -1));
        }
    }

    @Test
    void powershellPwshCmdAndGitBashGetTheLineAsOneArgument() throws IOException {
        Path invocations = Files.createDirectories(work.resolve("inv"));
        Path fake = fake(invocations);
        try (WinCliBridge b = WinCliBridge.start(work, Map.of("shells", "powershell,pwsh,cmd,gitbash",
                "shellPaths", "powershell=" + fake + ",pwsh=" + fake + ",cmd=" + fake + ",gitbash=" + fake,
                "allowedOperators", "|"))) {
            String ps = "Get-ChildItem -Path 'C:\\Program Files' -Filter \"*.txt\" | Select-Object -First 5";
            CallToolResult r = b.run("powershell", ps);
            assertThat(r.isError()).as(text(r)).isFalse();
            assertThat(data(r)).containsEntry("stdout", "fake-shell ran\n").containsEntry("shell", "powershell")
                    .containsEntry("execution", "shell");
            assertThat(lastInvocation(invocations)).containsExactly("-NoProfile", "-NonInteractive", "-Command", ps);

            b.run("pwsh", "Get-Date");
            assertThat(lastInvocation(invocations)).containsExactly("-NoProfile", "-NonInteractive", "-Command",
                    "Get-Date");

            b.run("cmd", "dir /b \"C:\\Program Files\"");
            assertThat(lastInvocation(invocations)).containsExactly("/d", "/v:off", "/s", "/c",
                    "\"dir /b \"C:\\Program Files\"\"");

            b.run("gitbash", "ls -la 'my dir'");
            assertThat(lastInvocation(invocations)).containsExactly("--noprofile", "--norc", "-c", "ls -la 'my dir'");
        }
    }

    @Test
    void onWindowsTheLineIsQuotedSoTheProgramsParserGetsItBackExactly() {
        List<String> lines = List.of("Get-ChildItem", "Write-Output \"a b\" 'c;d'",
                "Get-Item \"C:\\Program Files\\\"", "Write-Output \\\"quoted\\\" a\\\\b", "x \"\" y",
                "Select-String -Pattern 'a\"b' C:\\dir\\", "trailing backslash\\", "tab\there");
        for (String line : lines) {
            List<String> argv = Shell.POWERSHELL.argv("powershell.exe", line, true);
            assertThat(argv.subList(0, 4)).containsExactly("powershell.exe", "-NoProfile", "-NonInteractive",
                    "-Command");
            String quoted = argv.get(4);
            assertThat(quoted).startsWith("\"").endsWith("\"");
            assertThat(commandLineToArgv(quoted)).as("round trip of %s via %s", line, quoted).containsExactly(line);
            assertThat(commandLineToArgv(Shell.GITBASH.argv("bash.exe", line, true).get(4))).containsExactly(line);
        }
        assertThat(Shell.CMD.argv("cmd.exe", "dir /b", true)).containsExactly("cmd.exe", "/d", "/v:off", "/s", "/c",
                "\"dir /b\"");
        assertThat(Shell.PWSH.argv("/usr/bin/pwsh", "Get-Date", false)).containsExactly("/usr/bin/pwsh",
                "-NoProfile", "-NonInteractive", "-Command", "Get-Date");
        assertThat(Shell.BASH.argv("/bin/bash", "echo hi", false)).containsExactly("/bin/bash", "--noprofile",
                "--norc", "-c", "echo hi");
        assertThat(Shell.SH.argv("/bin/sh", "echo hi", false)).containsExactly("/bin/sh", "-c", "echo hi");
    }

    /** CommandLineToArgvW's rules (the MSVC runtime's), for one command-line string. */
    static List<String> commandLineToArgv(String line) {
        List<String> args = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inQuotes = false;
        boolean any = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\') {
                int n = 0;
                while (i < line.length() && line.charAt(i) == '\\') {
                    n++;
                    i++;
                }
                if (i < line.length() && line.charAt(i) == '"') {
                    cur.append("\\".repeat(n / 2));
                    if (n % 2 == 1) {
                        cur.append('"');
                        i++;
                    }
                } else {
                    cur.append("\\".repeat(n));
                }
                any = true;
                continue;
            }
            if (c == '"') {
                if (inQuotes && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i += 2;
                    continue;
                }
                inQuotes = !inQuotes;
                any = true;
                i++;
                continue;
            }
            if ((c == ' ' || c == '\t') && !inQuotes) {
                if (any) {
                    args.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
                i++;
                continue;
            }
            cur.append(c);
            any = true;
            i++;
        }
        if (any) {
            args.add(cur.toString());
        }
        return args;
    }

    @Test
    void childrenDoNotInheritSecretsOrShellHooks() {
        Secrets secrets = new Secrets();
        secrets.add("GITHUB_PERSONAL_ACCESS_TOKEN", "ghp_secretvalue123456");
        secrets.add("MCP_BRIDGE_HTTP_TOKEN", "http-token-abcdef");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", System.getenv("HOME"));
        env.put("GITHUB_PERSONAL_ACCESS_TOKEN", "ghp_secretvalue123456");
        env.put("COPY_OF_TOKEN", "http-token-abcdef");
        env.put("PLAIN", "visible");
        env.put("NOT_PASSED", "unlisted");
        env.put("SOME_API_KEY", "looks-secret-1234");
        env.put("BASH_ENV", work.resolve("evil-rc").toString());
        env.put("BASH_FUNC_ls%%", "() { echo pwned; }");
        // Named to pass, but secret: a known secret, a copy of one, and a name that looks secret never pass.
        WinCliSettings settings = WinCliSettingsForTests.of(Map.of("shells", "bash,sh", "auditLog", "none",
                "allowedCommands", "default, printenv", "sshConnectionsFile", work.resolve("c.yaml").toString(),
                "passEnvironment", "PLAIN, COPY_OF_TOKEN, GITHUB_PERSONAL_ACCESS_TOKEN, SOME_API_KEY"));
        LocalCommands tools = new LocalCommands(settings, secrets, new CommandRules(settings),
                new CommandLog(settings, secrets), () -> env, Path.of("").toAbsolutePath(), Shell.windowsHost());
        TextResult r = (TextResult) tools.executeCommand(new Arguments(Map.of("shell", "bash", "command", "printenv")),
                ToolCallContext.detached("execute_command"));
        assertThat(r.text()).contains("PLAIN=visible").doesNotContain("NOT_PASSED").doesNotContain("SOME_API_KEY")
                .doesNotContain("looks-secret-1234").doesNotContain("GITHUB_PERSONAL_ACCESS_TOKEN")
                .doesNotContain("ghp_secretvalue123456").doesNotContain("http-token-abcdef")
                .doesNotContain("BASH_ENV").doesNotContain("BASH_FUNC");
        // An exported function named ls would shadow the command in a shell; it is not passed on.
        TextResult ls = (TextResult) tools.executeCommand(new Arguments(Map.of("shell", "bash", "command",
                "ls \"$HOME\" > /dev/null".replace(" > /dev/null", ""))), ToolCallContext.detached("execute_command"));
        assertThat(ls.text()).doesNotContain("pwned");
    }

    @Test
    void secretsAreMaskedInResultsHistoryAndTheAuditLog() throws IOException {
        Path conns = work.resolve("connections.yaml");
        Files.writeString(conns, "connections:\n  box:\n    host: 127.0.0.1\n    port: 1\n    username: me\n"
                + "    password: hunter2-very-secret\n");
        try (WinCliBridge b = WinCliBridge.start(work, Map.of("sshEnabled", "true",
                "sshConnectionsFile", conns.toString()))) {
            CallToolResult r = b.run("bash", "echo my password is hunter2-very-secret");
            assertThat(text(r)).contains("my password is ****").doesNotContain("hunter2");
            assertThat((String) data(r).get("stdout")).isEqualTo("my password is ****\n");
            assertThat(text(b.call("get_command_history", Map.of()))).doesNotContain("hunter2")
                    .contains("echo my password is ****");
            assertThat(b.audited("echo my password is ****")).doesNotContain("hunter2").contains("echo my password is ****");
            CallToolResult list = b.call("read_ssh_connections", Map.of());
            assertThat(text(list)).doesNotContain("hunter2").contains("\"password\" : \"****\"");
            assertThat(b.resource("direct:win-cli.resource.ssh_config")).doesNotContain("hunter2").contains("****");
        }
    }
}
