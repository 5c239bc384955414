package dev.mcpbridge.wincli;

import static dev.mcpbridge.wincli.WinCliBridge.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Injection attempts across shells, each sent through execute_command: every one must be refused with a reason,
 * and nothing may run. For bash and sh the commands really run if admitted: a canary file must not appear and a
 * victim file must not disappear. PowerShell and cmd are not installed here, so their shells are a stand-in
 * executable that records every invocation: it must never be invoked. The corpus runs twice: under the default
 * allowlist policy and under the win-cli-compatible blocklist policy.
 */
class InjectionCorpusTest {

    /** {C} is the canary path, {V} the victim path. */
    record Attempt(String shell, String command, String reason, boolean allowlistOnly) {
        @Override
        public String toString() {
            return shell + ": " + command.replace("\n", "\\n").replace("\r", "\\r").replace("\u0000", "\\0");
        }
    }

    private static Attempt a(String shell, String command, String reason) {
        return new Attempt(shell, command, reason, false);
    }

    private static Attempt allowlistOnly(String shell, String command, String reason) {
        return new Attempt(shell, command, reason, true);
    }

    static List<Attempt> corpus() {
        List<Attempt> c = new ArrayList<>();
        // ---- bash: separators and newlines
        c.add(a("bash", "echo hi; touch {C}", "command separator ';'"));
        c.add(a("bash", "echo hi && touch {C}", "'&&'"));
        c.add(a("bash", "false || touch {C}", "'\\|\\|'"));
        c.add(a("bash", "echo hi | touch {C}", "pipe '\\|'"));
        c.add(a("bash", "echo hi |& touch {C}", "pipe"));
        c.add(a("bash", "echo hi & touch {C}", "operator '&'"));
        c.add(a("bash", "echo hi\ntouch {C}", "newline"));
        c.add(a("bash", "echo hi\rtouch {C}", "newline"));
        c.add(a("bash", "e\\\ncho hi", "newline"));
        // ---- substitutions
        c.add(a("bash", "echo $(touch {C})", "command substitution"));
        c.add(a("bash", "echo `touch {C}`", "backtick"));
        c.add(a("bash", "echo \"$(touch {C})\"", "command substitution"));
        c.add(a("bash", "echo \"`touch {C}`\"", "backtick"));
        c.add(a("bash", "cat <(touch {C})", "process substitution"));
        c.add(a("bash", "echo $((1+$(touch {C})))", "arithmetic"));
        c.add(a("bash", "echo ${x:-$(touch {C})}", "parameter expansion"));
        // ---- redirections
        c.add(a("bash", "echo hi > {C}", "redirection '>'"));
        c.add(a("bash", "echo hi >> {C}", "'>>'"));
        c.add(a("bash", "echo hi 2>{C}", "redirection '>'"));
        c.add(a("bash", "echo hi &>{C}", "redirection '>'"));
        c.add(a("bash", "echo hi >| {C}", "redirection '>'"));
        c.add(a("bash", "cat < /etc/hostname", "redirection '<'"));
        c.add(a("bash", "cat <<< hi", "here-document"));
        // ---- grouping and keywords
        c.add(a("bash", "(touch {C})", "parentheses"));
        c.add(a("bash", "{ touch {C}; }", "keyword"));
        c.add(a("bash", "if true; then touch {C}; fi", "keyword"));
        c.add(a("bash", "for f in a; do touch {C}; done", "keyword"));
        c.add(a("bash", "coproc touch {C}", "keyword"));
        c.add(a("bash", "! touch {C}", "keyword"));
        // ---- blocked commands, aliases of a name, case and Unicode tricks
        c.add(a("bash", "rm -f {V}", "'rm'"));
        c.add(a("bash", "/bin/rm -f {V}", "'/bin/rm'"));
        c.add(a("bash", "\\rm -f {V}", "'rm'"));
        c.add(a("bash", "r''m -f {V}", "'rm'"));
        c.add(a("bash", "\"rm\" -f {V}", "'rm'"));
        c.add(a("bash", "$'\\x72m' -f {V}", "'rm'"));
        c.add(a("bash", "RM -f {V}", "'RM'"));
        c.add(a("bash", "\uFF52\uFF4D -f {V}", "not an allowed command|blocked command"));
        c.add(allowlistOnly("bash", "touch {C}", "'touch' is not an allowed command"));
        // ---- Unicode look-alikes and invisible characters
        c.add(a("bash", "echo hi\uFF1Btouch {C}", "Unicode normalisation.*separator"));
        c.add(a("bash", "echo hi\uFE54 touch {C}", "Unicode normalisation.*separator"));
        c.add(a("bash", "echo \uFF04\uFF08touch {C}\uFF09", "Unicode normalisation.*substitution"));
        c.add(a("bash", "echo hi \uFF5C touch {C}", "Unicode normalisation.*pipe"));
        c.add(a("bash", "ec\u200Bho hi", "invisible"));
        c.add(a("bash", "echo \u202Ehi", "direction-changing"));
        c.add(a("bash", "r\u00ADm -f {V}", "invisible"));
        c.add(a("bash", "echo hi\uDB40\uDC3B touch {C}", "invisible"));
        c.add(a("bash", "echo hi\u0000; touch {C}", "NUL"));
        c.add(a("bash", "echo hi\u001b[2J", "control character"));
        // ---- quotes that hide or fake operators
        c.add(a("bash", "echo \"a;b\" ; touch {C}", "separator ';'"));
        c.add(a("bash", "echo 'a' ; touch {C}", "separator ';'"));
        c.add(a("bash", "echo \"unterminated ; touch {C}", "unterminated double quote"));
        c.add(a("bash", "echo 'x'\"'\"'; touch {C}", "unterminated single quote"));
        // ---- commands that run commands, other shells, dynamic names, assignments
        c.add(a("bash", "eval touch {C}", "'eval' runs another command"));
        c.add(a("bash", "env touch {C}", "'env' with arguments"));
        c.add(a("bash", "xargs -a /etc/hostname touch", "'xargs' runs another command"));
        c.add(a("bash", "find /tmp -maxdepth 0 -exec touch {C} \\;", "'find -exec' runs another command"));
        c.add(a("bash", "command touch {C}", "'command' runs another command"));
        c.add(a("bash", "exec touch {C}", "'exec' runs another command"));
        c.add(a("bash", ". /dev/null", "'\\.' runs another command"));
        c.add(a("bash", "bash -c 'touch {C}'", "starts another shell"));
        c.add(a("bash", "/bin/sh -c \"touch {C}\"", "starts another shell"));
        c.add(a("bash", "$SHELL -c 'touch {C}'", "not literal"));
        c.add(a("bash", "t*ch {C}", "not literal"));
        c.add(a("bash", "{touch,{C}}", "not literal"));
        c.add(a("bash", "~/touch {C}", "not literal"));
        c.add(a("bash", "PATH=/usr/bin touch {C}", "variable assignment"));
        c.add(a("bash", "LD_PRELOAD=/tmp/x.so ls", "variable assignment"));
        // ---- sh
        c.add(a("sh", "echo hi; touch {C}", "separator ';'"));
        c.add(a("sh", "echo $(touch {C})", "command substitution"));
        c.add(a("sh", "echo `touch {C}`", "backtick"));
        c.add(a("sh", "echo hi > {C}", "redirection '>'"));
        c.add(a("sh", "$'\\164ouch' {C}", "sh does not have"));
        c.add(a("sh", "rm -f {V}", "'rm'"));
        c.add(allowlistOnly("sh", "touch {C}", "'touch' is not an allowed command"));
        // ---- PowerShell (powershell and pwsh)
        c.add(a("powershell", "Get-Date; New-Item {C}", "separator ';'"));
        c.add(a("powershell", "Get-Date | Out-File {C}", "pipe"));
        c.add(a("pwsh", "Get-Date && New-Item {C}", "'&&'"));
        c.add(a("pwsh", "Get-Date || New-Item {C}", "'\\|\\|'"));
        c.add(a("powershell", "Get-Date\nNew-Item {C}", "newline"));
        c.add(a("powershell", "& { New-Item {C} }", "call operator"));
        c.add(a("powershell", ". { New-Item {C} }", "script block"));
        c.add(a("powershell", "& 'C:\\Windows\\System32\\cmd.exe' /c calc", "call operator"));
        c.add(a("powershell", "Get-Date `; New-Item {C}", "backtick"));
        c.add(a("powershell", "Write-Output \"$(New-Item {C})\"", "command substitution"));
        c.add(a("powershell", "Write-Output \u201C$(New-Item {C})\u201D", "command substitution"));
        c.add(a("powershell", "Write-Output @(New-Item {C})", "command substitution"));
        c.add(a("powershell", "Write-Output (New-Item {C})", "parentheses"));
        c.add(a("powershell", "Get-Date > {C}", "redirection '>'"));
        c.add(a("powershell", "Get-Date *> {C}", "redirection .>. \\(.\\*>.\\)"));
        c.add(a("powershell", "Get-Date 2>&1", "redirection '>' \\('2>'\\)"));
        c.add(a("powershell", "powershell -EncodedCommand SQBFAFgA", "another shell"));
        c.add(a("powershell", "Get-Date -enc SQBFAFgA", "EncodedCommand"));
        c.add(a("powershell", "Get-Date -EncodedCommand SQBFAFgA", "EncodedCommand"));
        c.add(a("powershell", "Get-Date \u2013EncodedCommand SQBFAFgA", "EncodedCommand"));
        c.add(a("powershell", "Get-Date -ec SQBFAFgA", "EncodedCommand"));
        c.add(a("powershell", "Invoke-Expression 'New-Item {C}'", "'invoke-expression' runs another command"));
        c.add(a("powershell", "iex 'New-Item {C}'", "'invoke-expression' runs another command"));
        c.add(a("powershell", "IEX 'New-Item {C}'", "'invoke-expression' runs another command"));
        c.add(a("powershell", "Start-Process notepad", "'start-process' runs another command"));
        c.add(a("powershell", "saps notepad", "'start-process' runs another command"));
        c.add(a("powershell", "Set-Alias ls Remove-Item", "'set-alias' runs another command"));
        c.add(a("powershell", "Add-Type -TypeDefinition 'class X {}'", "'add-type' runs another command"));
        c.add(a("powershell", "Remove-Item {V}", "'Remove-Item'"));
        c.add(a("powershell", "rm {V}", "'rm'"));
        c.add(a("powershell", "ri {V}", "'ri'"));
        c.add(a("powershell", "del {V}", "'del'"));
        c.add(a("powershell", "Erase {V}", "'Erase'"));
        c.add(a("powershell", "Microsoft.PowerShell.Management\\Remove-Item {V}", "Remove-Item"));
        c.add(a("powershell", "Remove\u2010Item {V}", "not an allowed command|blocked command"));
        c.add(a("powershell", "[System.IO.File]::Delete('{V}')", "type literal"));
        c.add(a("powershell", "(Get-Item {V}).Delete()", "parentheses"));
        c.add(a("powershell", "$x = 'a'", "assignment"));
        c.add(a("powershell", "$env:ComSpec /c calc", "does not run a value as a command"));
        c.add(a("powershell", "Get-Date # ; New-Item {C}", "comment"));
        c.add(a("powershell", "Get-Date --% & calc", "stop-parsing"));
        c.add(a("powershell", "Write-Output \u2018a\u2019; New-Item {C}", "separator ';'"));
        c.add(a("powershell", "Write-Output 'a\u2019; New-Item {C}", "separator ';'|unterminated"));
        c.add(a("powershell", "Get-Date\uFF1BNew-Item {C}", "Unicode normalisation.*separator"));
        c.add(a("powershell", "cmd /c del {V}", "another shell"));
        c.add(a("powershell", "Start-Job { New-Item {C} }", "script block"));
        c.add(a("pwsh", "pwsh -c 'New-Item {C}'", "another shell"));
        // ---- cmd
        c.add(a("cmd", "dir & type nul > {C}", "operator '&'"));
        c.add(a("cmd", "dir && echo x", "'&&'"));
        c.add(a("cmd", "dir || echo x", "'\\|\\|'"));
        c.add(a("cmd", "dir | more", "pipe"));
        c.add(a("cmd", "echo x > {C}", "redirection '>'"));
        c.add(a("cmd", "echo x >> {C}", "'>>'"));
        c.add(a("cmd", "sort < {V}", "redirection '<'"));
        c.add(a("cmd", "dir\ndel {V}", "newline"));
        c.add(a("cmd", "dir ^& del {V}", "escape character '\\^'"));
        c.add(a("cmd", "d^el {V}", "escape character '\\^'"));
        c.add(a("cmd", "echo %COMSPEC%", "%VAR%"));
        c.add(a("cmd", "echo \"%COMSPEC%\"", "%VAR%"));
        c.add(a("cmd", "echo \"a\" & del {V}", "operator '&'"));
        c.add(a("cmd", "(del {V})", "parentheses"));
        c.add(a("cmd", "del {V}", "'del'"));
        c.add(a("cmd", "DEL {V}", "'DEL'"));
        c.add(a("cmd", "del,{V}", "'del'"));
        c.add(a("cmd", "del/q {V}", "'del'"));
        c.add(a("cmd", "cmd /c del {V}", "another shell"));
        c.add(a("cmd", "call del {V}", "'call' runs another command"));
        c.add(a("cmd", "start calc", "'start' runs another command"));
        c.add(a("cmd", "if exist {V} del {V}", "'if' runs another command"));
        c.add(a("cmd", "forfiles /c \"cmd /c del @file\"", "'forfiles' runs another command"));
        c.add(a("cmd", "powershell -enc SQBF", "another shell"));
        c.add(a("cmd", "POWERS~1 -c x", "8.3 short file name"));
        c.add(a("cmd", "dir\uFF1Bdel {V}", "Unicode normalisation"));
        return c;
    }

    static Stream<Attempt> allowlistCorpus() {
        return corpus().stream();
    }

    static Stream<Attempt> blocklistCorpus() {
        return corpus().stream().filter(x -> !x.allowlistOnly());
    }

    @TempDir
    static Path work;
    private static WinCliBridge allowlist;
    private static WinCliBridge blocklist;
    private static Path canary;
    private static Path victim;
    private static Path invocations;

    @BeforeAll
    static void start() throws IOException {
        canary = work.resolve("canary");
        victim = work.resolve("victim");
        invocations = Files.createDirectories(work.resolve("invocations"));
        Path fake = work.resolve("fake-shell.sh");
        Files.writeString(fake, "#!/bin/sh\nf=$(mktemp " + invocations + "/inv.XXXXXX)\nprintf '%s\\0' \"$@\" > \"$f\"\n"
                + "echo fake-shell ran\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        String fakes = "powershell=" + fake + ",pwsh=" + fake + ",cmd=" + fake + ",gitbash=" + fake;
        Map<String, Object> common = Map.of("shells", "bash,sh,powershell,pwsh,cmd,gitbash", "shellPaths", fakes);
        allowlist = WinCliBridge.start(Files.createDirectories(work.resolve("allow")), common);
        Map<String, Object> block = new java.util.HashMap<>(common);
        block.put("policy", "blocklist");
        blocklist = WinCliBridge.start(Files.createDirectories(work.resolve("block")), block);
    }

    @AfterAll
    static void stop() {
        if (allowlist != null) {
            allowlist.close();
        }
        if (blocklist != null) {
            blocklist.close();
        }
    }

    @BeforeEach
    void sentinels() throws IOException {
        Files.deleteIfExists(canary);
        Files.writeString(victim, "still here");
    }

    @AfterEach
    void nothingRan() throws IOException {
        assertThat(canary).as("canary file: something ran").doesNotExist();
        assertThat(victim).as("victim file: something ran").exists();
        try (Stream<Path> files = Files.list(invocations)) {
            assertThat(files.toList()).as("the PowerShell/cmd stand-in was invoked").isEmpty();
        }
    }

    @Test
    void theCorpusIsLargeAndCoversEveryShell() {
        List<Attempt> all = corpus();
        assertThat(all).hasSizeGreaterThanOrEqualTo(60);
        assertThat(all.stream().map(Attempt::shell).distinct()).contains("bash", "sh", "powershell", "pwsh", "cmd");
    }

    @ParameterizedTest(name = "allowlist {0}")
    @MethodSource("allowlistCorpus")
    void refusedUnderTheAllowlist(Attempt attempt) {
        refused(allowlist, attempt);
    }

    @ParameterizedTest(name = "blocklist {0}")
    @MethodSource("blocklistCorpus")
    void refusedUnderTheBlocklist(Attempt attempt) {
        refused(blocklist, attempt);
    }

    private static void refused(WinCliBridge bridge, Attempt attempt) {
        String command = attempt.command().replace("{C}", canary.toString()).replace("{V}", victim.toString());
        CallToolResult r = bridge.run(attempt.shell(), command);
        String text = text(r);
        assertThat(r.isError()).as("refused: %s", text).isTrue();
        assertThat(text).startsWith("Refused: ");
        assertThat(text).as("reason for %s", attempt).containsPattern("(?s).*(" + attempt.reason() + ").*");
    }
}
