package dev.mcpbridge.wincli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpbridge.wincli.ParsedLine.SimpleCommand;
import dev.mcpbridge.wincli.ParsedLine.Use;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-shell parsers on lines that are allowed: which commands they find, with which words and constructs. */
class CommandParsingTest {

    private static List<List<String>> commands(ParsedLine p) {
        return p.commands().stream().map(c -> c.words().stream().map(ParsedLine.Word::value).toList()).toList();
    }

    private static List<Construct> uses(ParsedLine p) {
        return p.uses().stream().map(Use::construct).toList();
    }

    @Test
    void bashWordsLoseTheirQuotesAndEscapes() {
        ParsedLine p = Dialect.BASH.parse("ls -la \"my dir\" 'it''s' a\\ b $'tab\\there' \"$HOME/x\"");
        assertThat(commands(p)).containsExactly(List.of("ls", "-la", "my dir", "its", "a b", "tab\there", "$HOME/x"));
        assertThat(p.commands().get(0).words().get(6).literal()).isFalse();
        assertThat(p.commands().get(0).words().get(2).literal()).isTrue();
        assertThat(p.uses()).isEmpty();
    }

    @Test
    void bashNestedCommandsAreFoundWhereverTheyAre() {
        ParsedLine p = Dialect.BASH.parse("echo \"$(uname -s)\" `id -u` <(ls /tmp) && wc -l x | sort");
        assertThat(commands(p)).containsExactly(List.of("uname", "-s"), List.of("id", "-u"), List.of("ls", "/tmp"),
                List.of("echo", "$(...)", "`...`", "<(...)"), List.of("wc", "-l", "x"), List.of("sort"));
        assertThat(p.commands().get(0).via()).isEqualTo("$( )");
        assertThat(p.commands().get(1).via()).isEqualTo("`");
        assertThat(uses(p)).containsExactly(Construct.COMMAND_SUBSTITUTION, Construct.BACKTICK,
                Construct.PROCESS_SUBSTITUTION, Construct.AND, Construct.PIPE);
    }

    @Test
    void bashCommentsRunNothing() {
        ParsedLine p = Dialect.BASH.parse("echo a#b # rm -rf /");
        assertThat(commands(p)).containsExactly(List.of("echo", "a#b"));
    }

    @Test
    void powershellPipelinesScriptBlocksAndGroups() {
        ParsedLine p = Dialect.POWERSHELL.parse(
                "Get-ChildItem -Path C:\\x | Where-Object { $_.Length -gt 10 } | Select-Object -First 5");
        assertThat(commands(p)).containsExactly(List.of("Get-ChildItem", "-Path", "C:\\x"),
                List.of("Where-Object", "{...}"), List.of("Select-Object", "-First", "5"));
        assertThat(p.expressions()).containsExactly("$_.Length -gt 10");
        assertThat(uses(p)).containsExactly(Construct.PIPE, Construct.SCRIPT_BLOCK, Construct.PIPE);

        ParsedLine g = Dialect.POWERSHELL.parse("Get-Process -Name (Get-Content names.txt)");
        assertThat(commands(g)).containsExactly(List.of("Get-Content", "names.txt"),
                List.of("Get-Process", "-Name", "(...)"));
        assertThat(g.commands().get(0).via()).isEqualTo("( )");
    }

    @Test
    void powershellExpressionsAndStrings() {
        ParsedLine v = Dialect.POWERSHELL.parse("$PSVersionTable.PSVersion");
        assertThat(v.commands()).isEmpty();
        assertThat(v.expressions()).containsExactly("$PSVersionTable.PSVersion");

        ParsedLine s = Dialect.POWERSHELL.parse("\"$($env:USERNAME) is here\"");
        assertThat(uses(s)).containsExactly(Construct.COMMAND_SUBSTITUTION);

        ParsedLine q = Dialect.POWERSHELL.parse("Get-ChildItem \u2018C:\\Program Files\u2019 \u201Cx y\u201D 'it''s'");
        assertThat(commands(q)).containsExactly(List.of("Get-ChildItem", "C:\\Program Files", "x y", "it's"));

        ParsedLine h = Dialect.POWERSHELL.parse("Select-Object @{n='Name';e={$_.Name}}");
        assertThat(uses(h)).containsExactly(Construct.SCRIPT_BLOCK);
        assertThat(commands(h)).hasSize(1);

        ParsedLine n = Dialect.POWERSHELL.parse("1..3");
        assertThat(n.commands()).isEmpty();
        ParsedLine z = Dialect.POWERSHELL.parse("7z.exe l archive.7z");
        assertThat(commands(z)).containsExactly(List.of("7z.exe", "l", "archive.7z"));
    }

    @Test
    void powershellCallOperatorWithALiteralName() {
        ParsedLine p = Dialect.POWERSHELL.parse("& 'C:\\Program Files\\Git\\bin\\git.exe' status");
        SimpleCommand c = p.commands().get(0);
        assertThat(c.callOperator()).isTrue();
        assertThat(c.name().value()).isEqualTo("C:\\Program Files\\Git\\bin\\git.exe");
        assertThatThrownBy(() -> Dialect.POWERSHELL.parse("& $cmd")).hasMessageContaining("call operator '&' is given");
    }

    @Test
    void powershellMethodCallsStaticMembersAndTypesAreReported() {
        assertThat(uses(Dialect.POWERSHELL.parse("$p.Kill()"))).contains(Construct.METHOD_CALL);
        assertThat(uses(Dialect.POWERSHELL.parse("[IO.File]::ReadAllText('x')"))).contains(Construct.TYPE_LITERAL,
                Construct.STATIC_MEMBER, Construct.METHOD_CALL);
        assertThat(uses(Dialect.POWERSHELL.parse("'calc'.Invoke()"))).contains(Construct.METHOD_CALL);
        assertThat(uses(Dialect.POWERSHELL.parse("$a = 1"))).contains(Construct.ASSIGNMENT);
        assertThatThrownBy(() -> Dialect.POWERSHELL.parse("foreach ($x in 1) { }")).hasMessageContaining("keyword");
        assertThat(commands(Dialect.POWERSHELL.parse("gci | foreach { $_ }"))).containsExactly(List.of("gci"),
                List.of("foreach", "{...}"));
    }

    @Test
    void cmdOperatorsQuotesAndDelimiters() {
        ParsedLine p = Dialect.CMD.parse("dir /b \"C:\\Program Files\" & echo done");
        assertThat(commands(p)).containsExactly(List.of("dir", "/b", "C:\\Program Files"), List.of("echo", "done"));
        assertThat(uses(p)).containsExactly(Construct.BACKGROUND);
        assertThat(commands(Dialect.CMD.parse("@echo off"))).containsExactly(List.of("echo", "off"));
        assertThat(commands(Dialect.CMD.parse("del,x=y"))).containsExactly(List.of("del", "x", "y"));
        assertThat(uses(Dialect.CMD.parse("echo \"a & b | c\""))).isEmpty();
        assertThat(uses(Dialect.CMD.parse("echo 100% done"))).isEmpty();
    }

    @Test
    void commandNamesAreCanonical() {
        assertThat(CommandNames.canonical("C:\\Windows\\System32\\CMD.EXE")).isEqualTo("cmd");
        assertThat(CommandNames.canonical("rm.exe. ")).isEqualTo("rm");
        assertThat(CommandNames.canonical("/usr/bin/python3")).isEqualTo("python3");
        assertThat(CommandNames.canonical("Remove\u2013Item")).isEqualTo("remove-item");
        assertThat(CommandNames.canonical("\uFF52\uFF4D")).isEqualTo("rm");
        assertThat(CommandNames.names("del", Dialect.POWERSHELL)).containsExactly("del", "remove-item");
        assertThat(CommandNames.names("ChildItem", Dialect.POWERSHELL)).contains("get-childitem");
        assertThat(CommandNames.names("echo.", Dialect.CMD)).contains("echo");
    }

    @Test
    void encodedCommandInEveryAbbreviation() {
        for (String a : List.of("-EncodedCommand", "-enc", "-ENCODED", "-ec", "/enc", "--encodedcommand",
                "\u2013EncodedCommand", "-EncodedCommand:abc", "-encodeda")) {
            assertThat(CommandNames.isEncodedCommand(a)).as(a).isTrue();
        }
        for (String a : List.of("-e", "-en", "-Exclude", "-ErrorAction", "-Encoding", "encodedcommand")) {
            assertThat(CommandNames.isEncodedCommand(a)).as(a).isFalse();
        }
    }

    @Test
    void theAllowlistAcceptsAliasesOfAllowedCmdletsAndRefusesPaths() {
        CommandPolicy policy = new CommandPolicy(CommandPolicy.Mode.ALLOWLIST, CommandNames.DEFAULT_ALLOWED,
                List.of(), List.of(), true, List.of("|"), 2000);
        policy.check(Dialect.POWERSHELL, "gci -Recurse | sort Length | select -First 3");
        policy.check(Dialect.POWERSHELL, "Microsoft.PowerShell.Management\\Get-ChildItem C:\\");
        policy.check(Dialect.CMD, "dir/w");
        policy.check(Dialect.CMD, "echo.");
        assertThatThrownBy(() -> policy.check(Dialect.BASH, "./ls")).hasMessageContaining("is given by path");
        CommandPolicy withPath = new CommandPolicy(CommandPolicy.Mode.ALLOWLIST, List.of("/usr/bin/uname"),
                List.of(), List.of(), true, List.of(), 2000);
        withPath.check(Dialect.BASH, "/usr/bin/uname -a");
        assertThatThrownBy(() -> withPath.check(Dialect.BASH, "uname -a")).hasMessageContaining("not an allowed");
    }

    @Test
    void blockedArgumentsAreLiteralNotPatterns() {
        CommandPolicy policy = new CommandPolicy(CommandPolicy.Mode.BLOCKLIST, List.of(), List.of(),
                List.of("--exec", ".*", "-i"), true, List.of(), 2000);
        assertThatThrownBy(() -> policy.check(Dialect.BASH, "grep -I x")).hasMessageContaining("'-I'")
                .hasMessageContaining("blockedArguments");
        assertThatThrownBy(() -> policy.check(Dialect.BASH, "tool --exec=cmd")).hasMessageContaining("--exec=cmd");
        // ".*" is a literal argument, not a regular expression that would match everything.
        policy.check(Dialect.BASH, "grep -n pattern file");
        assertThatThrownBy(() -> policy.check(Dialect.BASH, "grep .* file")).hasMessageContaining("'.*'");
    }

    @Test
    void protectionOffStillChecksEveryCommand() {
        CommandPolicy off = new CommandPolicy(CommandPolicy.Mode.ALLOWLIST, CommandNames.DEFAULT_ALLOWED,
                List.of(), List.of(), false, List.of(), 2000);
        off.check(Dialect.BASH, "echo a; ls | wc -l > /dev/null");
        assertThatThrownBy(() -> off.check(Dialect.BASH, "echo a; rm -rf x")).hasMessageContaining("'rm'");
        assertThatThrownBy(() -> off.check(Dialect.BASH, "echo $(rm -rf x)")).hasMessageContaining("'rm'");
        assertThatThrownBy(() -> off.check(Dialect.BASH, "$X")).hasMessageContaining("not literal");
    }

    @Test
    void lengthAndEmptiness() {
        CommandPolicy p = new CommandPolicy(CommandPolicy.Mode.ALLOWLIST, CommandNames.DEFAULT_ALLOWED, List.of(),
                List.of(), true, List.of(), 10);
        assertThatThrownBy(() -> p.check(Dialect.BASH, "echo 12345678")).hasMessageContaining("limit is 10");
        assertThatThrownBy(() -> p.check(Dialect.BASH, "  ")).hasMessageContaining("empty");
    }
}
