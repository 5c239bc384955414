package dev.mcpbridge.wincli;

import static dev.mcpbridge.wincli.WinCliBridge.data;
import static dev.mcpbridge.wincli.WinCliBridge.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15's command classes, each payload with a marker file of its own that must never appear and a victim file
 * that must never be touched: bash's arithmetic and variable-name evaluation, allowed tools used as executors or
 * writers (with the README's extended allowlist git,tar,sed,find,awk,make), wrappers and destroyers that bypassed
 * the blocklist, PowerShell member calls on engine objects. Bash and sh really run what is admitted; PowerShell is a
 * stand-in that records any invocation.
 */
class ExecutorCorpusTest {

    enum Bridge { ALLOW, EXTENDED, BLOCK }

    /** {C}: this payload's marker path; {V}: the victim file. */
    record Payload(String klass, String shell, String command, String reason, List<Bridge> bridges) {
        @Override
        public String toString() {
            return klass + " " + shell + ": " + command;
        }
    }

    private static final List<Bridge> ALL = List.of(Bridge.ALLOW, Bridge.EXTENDED, Bridge.BLOCK);

    private static Payload p(String klass, String command, String reason) {
        return new Payload(klass, "bash", command, reason, ALL);
    }

    static List<Payload> corpus() {
        List<Payload> c = new ArrayList<>();
        String eval = "evaluat|assigns|arithmetic|keyword|not an allowed command";
        // ---- arithmetic and variable-name evaluation
        c.add(p("arith", "printf -v 'a[$(touch {C})]' %s ~", "printf -v"));
        c.add(p("arith", "printf -v 'a[$(touch {C})]' %s x", "printf -v"));
        c.add(p("arith", "printf -v 'a[$(touch {C})]' %s $HOME", "printf -v"));
        c.add(p("arith", "printf -v 'a[$(touch {C})]' %s *", "printf -v"));
        c.add(p("arith", "printf '-va[$(touch {C})]' %s x", "printf -v"));
        c.add(p("arith", "printf -v \"a[\\$(touch {C})]\" %s x", "printf -v"));
        c.add(p("arith", "test -v 'a[$(touch {C})]' -o -n ~", "test -v"));
        c.add(p("arith", "test -v \"a[\\$(touch {C})]\" -o -n $HOME", "test -v"));
        c.add(p("arith", "[ -v 'a[$(touch {C})]' ]", "-v|not literal"));
        c.add(p("arith", "test -R 'a[$(touch {C})]'", "test -R"));
        c.add(p("arith", "[[ -v 'a[$(touch {C})]' ]]", eval));
        c.add(p("arith", "let 'a[$(touch {C})]=1'", eval));
        c.add(p("arith", "declare 'a[$(touch {C})]=1'", eval));
        c.add(p("arith", "declare -i x='a[$(touch {C})]'", eval));
        c.add(p("arith", "typeset 'a[$(touch {C})]=1'", eval));
        c.add(p("arith", "local 'a[$(touch {C})]=1'", eval));
        c.add(p("arith", "readonly 'a[$(touch {C})]=1'", eval));
        c.add(p("arith", "export 'a[$(touch {C})]=1'", eval));
        c.add(p("arith", "unset 'a[$(touch {C})]'", eval));
        c.add(p("arith", "read 'a[$(touch {C})]'", eval));
        c.add(p("arith", "mapfile 'a[$(touch {C})]'", eval));
        c.add(p("arith", "getopts a 'a[$(touch {C})]'", eval));
        c.add(p("arith", "wait -p 'a[$(touch {C})]'", "wait -p|not an allowed command"));
        c.add(p("arith", "(( a[$(touch {C})] ))", eval));
        c.add(p("arith", "echo $(( a[$(touch {C})] ))", eval));
        c.add(p("arith", "echo $[ a[$(touch {C})] ]", eval));
        c.add(p("arith", "hash -p /usr/bin/touch ls", eval));
        c.add(p("arith", "enable -f /tmp/x.so x", eval));
        c.add(p("arith", "compgen -C 'touch {C}' x", eval));
        c.add(new Payload("arith", "sh", "printf -v 'a[$(touch {C})]' %s ~", "printf -v", ALL));
        c.add(new Payload("arith", "sh", "test -v 'a[$(touch {C})]' -o -n ~", "test -v", ALL));
        // ---- allowed tools as executors and writers
        String refusedTool = "runs|writes|reads|deletes|configuration|directory|variable set|not an allowed command"
                + "|blocked command|transport|changes where|code|does not know|newline|rewrites";
        String[] tools = {
            "git -c alias.x='!touch {C}' x", "git -c core.pager='touch {C}' -p log", "git --config-env=core.pager=HOME log",
            "git --exec-path=/tmp log", "git -C / status", "git grep -O'touch {C}' x",
            "git grep --open-files-in-pager='touch {C}' x", "git log --output={C}", "git diff --outp={C}",
            "git clone 'ext::sh -c touch% {C}' x", "git fetch --upload-pack='touch {C}' .",
            "git ls-remote -u 'touch {C}' .", "git config alias.x '!touch {C}'", "git rebase --exec 'touch {C}'",
            "git rebase -x 'touch {C}'", "git submodule foreach 'touch {C}'", "git bisect run touch {C}",
            "git difftool -x 'touch {C}'", "git archive -o {C} HEAD", "git clone --template=/tmp x y",
            "tar --checkpoint=1 --checkpoint-action=exec='touch {C}' -cf /dev/null /etc/hostname",
            "tar --checkpoint=1 --checkpoint-a=exec='touch {C}' -cf /dev/null /etc/hostname",
            "tar --use-compress-program='touch {C}' -cf /dev/null /etc/hostname",
            "tar --use-comp='touch {C}' -cf /dev/null /etc/hostname",
            "tar -I 'touch {C}' -cf /dev/null /etc/hostname", "tar -cIfoo /dev/null /etc/hostname",
            "tar cIf 'touch {C}' /dev/null /etc/hostname", "tar --to-command='touch {C}' -xf /dev/null",
            "tar -F 'touch {C}' -cf /dev/null /etc/hostname", "tar --info-script='touch {C}' -cf /dev/null x",
            "tar --new-volume-script='touch {C}' -cf /dev/null x", "tar -cf localhost:/x /etc/hostname",
            "tar -P -xf /dev/null",
            "sed '1e touch {C}' /etc/hostname", "sed -n '1e touch {C}' /etc/hostname", "sed 'e touch {C}' /etc/hostname",
            "sed 's|.*|touch {C}|e' /etc/hostname", "sed 'w {C}' /etc/hostname", "sed 's/x/y/w {C}' /etc/hostname",
            "sed 's|a|b|gw {C}' /etc/hostname", "sed -e p -e 'w {C}' /etc/hostname",
            "sed --expression='1e touch {C}' /etc/hostname", "sed --expr 'W {C}' /etc/hostname",
            "sed -ne '1e touch {C}' /etc/hostname", "sed -i 1d {V}", "sed -ni.bak 1d {V}", "sed --in-pl 1d {V}",
            "sed -f /etc/hostname /etc/hostname", "sed '/x/!e touch {C}' /etc/hostname",
            "sed '$!N;e touch {C}' /etc/hostname", "sed 'y/a/b/;e touch {C}' /etc/hostname",
            "sed '\\,x,e touch {C}' /etc/hostname", "sed '1{e touch {C}\n}' /etc/hostname",
            "sed 'p;p;w {C}' /etc/hostname", "sed '1,$ s/a/b/ ; 2 e touch {C}' /etc/hostname",
            "awk 'BEGIN{system(\"touch {C}\")}'", "awk 'BEGIN{print \"x\" > \"{C}\"}'",
            "awk 'BEGIN{print \"x\" >> \"{C}\"}'", "awk 'BEGIN{printf(\"x\") > \"{C}\"}'",
            "awk 'BEGIN{print \"x\" | \"cat > {C}\"}'", "awk 'BEGIN{\"touch {C}\" | getline}'",
            "awk 'BEGIN { c = \"touch {C}\"; while ((c | getline l) > 0) {} }'",
            "awk 'BEGIN{print \"x\" |& \"touch {C}\"}'", "awk '/\"/ {system(\"touch {C}\")} /\"/' /etc/hostname",
            "awk 'BEGIN{f=\"sys\" \"tem\"; @f(\"touch {C}\")}'", "awk -f /etc/hostname /etc/hostname",
            "awk --source='BEGIN{system(\"touch {C}\")}'", "awk -e 'BEGIN{system(\"touch {C}\")}'",
            "awk -v x=1 'BEGIN{ print x > \"{C}\" }'", "awk -- 'BEGIN{system(\"touch {C}\")}'",
            "awk 'BEGIN{ x = 1 / 2; print x > \"{C}\" }'", "awk -l filefuncs 'BEGIN{}'",
            "awk --dump-variables={C} 'BEGIN{}'",
            "find / -maxdepth 0 -exec touch {C} \\;", "find . -maxdepth 0 -execdir touch {C} \\;",
            "find . -maxdepth 0 -ok touch {C} \\;", "find / -maxdepth 0 -fprint {C}", "find {V} -delete",
            "find / -maxdepth 0 -fprintf {C} x", "find / -maxdepth 0 -fls {C}", "find / -maxdepth 0 -fprint0 {C}",
            "make --eval='$(shell touch {C})'", "make --ev='x:=$(shell touch {C})'", "make -E '$(shell touch {C})'",
            "make 'X=$(shell touch {C})'", "make -f /etc/hostname", "make SHELL=/bin/sh .SHELLFLAGS='-c touch {C}'",
            "make -C /", "make -kf /etc/hostname",
        };
        for (String t : tools) {
            c.add(new Payload("tools", "bash", t, refusedTool, List.of(Bridge.EXTENDED, Bridge.BLOCK, Bridge.ALLOW)));
        }
        // ---- wrappers and destroyers that ran the blocked 'rm' (or its effect) under the blocklist
        String wrapped = "runs another command|runs the command|blocked command|not an allowed command|another shell"
                + "|keyword";
        String[] wrappers = {"chrt -o 0 rm -f {V}", "setarch x86_64 rm -f {V}", "linux64 rm -f {V}", "linux32 rm -f {V}",
            "prlimit rm -f {V}", "taskset 1 rm -f {V}", "ionice rm -f {V}", "stdbuf -o0 rm -f {V}", "nice rm -f {V}",
            "nohup rm -f {V}", "timeout 5 rm -f {V}", "env rm -f {V}", "xargs -a /etc/hostname rm -f {V}",
            "sudo rm -f {V}", "setsid rm -f {V}", "gdb -batch -ex 'shell rm -f {V}'", "vim -c ':!rm -f {V}' -c ':q'",
            "flock /tmp rm -f {V}", "unshare rm -f {V}", "time rm -f {V}", "strace rm -f {V}", "busybox rm -f {V}",
            "numactl rm -f {V}", "setpriv rm -f {V}", "ex -c '!rm -f {V}'", "script -c 'rm -f {V}'",
            "watch rm -f {V}", "uname26 rm -f {V}", "i386 rm -f {V}"};
        for (String w : wrappers) {
            c.add(new Payload("wrappers", "bash", w, wrapped, ALL));
        }
        String destroyed = "deletes|replaces|writes|blocked command|not an allowed command|rewrites";
        String[] destroyers = {"unlink {V}", "truncate -s0 {V}", "dd if=/dev/null of={V}", "cp /dev/null {V}",
            "cp -f /dev/null {V}", "cp --remove-destination /dev/null {V}", "mv /etc/hostname {V}", "install /dev/null {V}",
            "shred -u {V}", "tee {V}", "ln -sf /dev/null {V}", "rsync /dev/null {V}", "rmdir {V}", "sed -i d {V}",
            "find {V} -delete", "uniq /etc/hostname {V}", "sort -o {V} /etc/hostname"};
        for (String d : destroyers) {
            c.add(new Payload("destroyers", "bash", d, destroyed, ALL));
        }
        // ---- PowerShell member calls on engine objects (with '()' allowed)
        String member = "engine object|method call|not an allowed command|blocked command|substitution";
        String[] ps = {"$ExecutionContext.InvokeCommand.'InvokeScript'('New-Item {C}')",
            "$ExecutionContext.InvokeCommand.InvokeScript('New-Item {C}')",
            "($ExecutionContext).InvokeCommand.InvokeScript('New-Item {C}')",
            "$ExecutionContext.\"InvokeCommand\".\"InvokeScript\"(\"New-Item {C}\")",
            "${ExecutionContext}.InvokeCommand.InvokeScript('New-Item {C}')",
            "$executioncontext.invokecommand.'invokescript'('New-Item {C}')",
            "Write-Output ($ExecutionContext.InvokeCommand.'InvokeScript'('New-Item {C}'))",
            "Write-Output ($ExecutionContext.'InvokeCommand')",
            "$Host.Runspace.'CreatePipeline'('New-Item {C}')", "(Get-Item {V}).'Delete'()",
            "'x'.'GetType'()", "(Get-Item {V}).\"Del$()ete\"()", "$global:ExecutionContext.InvokeCommand"};
        for (String s : ps) {
            c.add(new Payload("powershell", "powershell", s, member, List.of(Bridge.BLOCK)));
        }
        return c;
    }

    static Stream<Object[]> cases() {
        List<Object[]> all = new ArrayList<>();
        for (Payload p : corpus()) {
            for (Bridge b : p.bridges()) {
                all.add(new Object[] {b, p});
            }
        }
        return all.stream();
    }

    @TempDir
    static Path work;
    private static final Map<Bridge, WinCliBridge> BRIDGES = new HashMap<>();
    private static Path markers;
    private static Path victim;
    private static Path invocations;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        markers = Files.createDirectories(work.resolve("markers"));
        victim = work.resolve("victim");
        invocations = Files.createDirectories(work.resolve("invocations"));
        Path fake = work.resolve("fake-shell.sh");
        Files.writeString(fake, "#!/bin/sh\nf=$(mktemp " + invocations + "/inv.XXXXXX)\nprintf '%s\\0' \"$@\" > \"$f\"\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        Map<String, Object> common = Map.of("shells", "bash,sh,powershell", "shellPaths", "powershell=" + fake);
        BRIDGES.put(Bridge.ALLOW, WinCliBridge.start(Files.createDirectories(work.resolve("allow")), common));
        Map<String, Object> extended = new HashMap<>(common);
        extended.put("allowedCommands", "default,git,tar,sed,find,awk,make");
        BRIDGES.put(Bridge.EXTENDED, WinCliBridge.start(Files.createDirectories(work.resolve("extended")), extended));
        Map<String, Object> block = new HashMap<>(common);
        block.put("policy", "blocklist");
        block.put("allowedOperators", "()");
        BRIDGES.put(Bridge.BLOCK, WinCliBridge.start(Files.createDirectories(work.resolve("block")), block));
    }

    @AfterAll
    static void stop() {
        BRIDGES.values().forEach(WinCliBridge::close);
    }

    @Test
    void theCorpusCoversEveryClass() {
        Map<String, Long> perClass = new HashMap<>();
        corpus().forEach(p -> perClass.merge(p.klass(), 1L, Long::sum));
        assertThat(perClass).containsKeys("arith", "tools", "wrappers", "destroyers", "powershell");
        assertThat(perClass.values()).allMatch(n -> n >= 10);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void refusedAndNothingRan(Bridge bridge, Payload payload) throws IOException {
        Path marker = markers.resolve("m" + SEQUENCE.incrementAndGet());
        Files.writeString(victim, "still here");
        String command = payload.command().replace("{C}", marker.toString()).replace("{V}", victim.toString());
        CallToolResult r = BRIDGES.get(bridge).run(payload.shell(), command);
        String text = text(r);
        assertThat(marker).as("marker of %s: it ran (%s)", payload, text).doesNotExist();
        assertThat(Files.readString(victim)).as("victim of %s (%s)", payload, text).isEqualTo("still here");
        assertThat(r.isError()).as("refused: %s", text).isTrue();
        assertThat(text).startsWith("Refused: ");
        assertThat(text).as("reason for %s", payload).containsPattern("(?s).*(" + payload.reason() + ").*");
        try (Stream<Path> files = Files.list(invocations)) {
            assertThat(files.toList()).as("the PowerShell stand-in was invoked").isEmpty();
        }
    }

    /** The same tools keep working for what they are allowed for. */
    @Test
    void harmlessUsesStillRun() throws IOException {
        WinCliBridge b = BRIDGES.get(Bridge.EXTENDED);
        Path data = work.resolve("extended/data.txt");
        Files.writeString(data, "a 1\nb 2\nc 3\n");
        String[] ok = {"sed -n 2p data.txt", "sed -e 's/a/A/g' -e '/c/d' data.txt", "sed -n '$p' data.txt",
            "awk '$2 > 1 {print $1}' data.txt", "awk '{print ($2 > 1)}' data.txt", "awk -F' ' '/a|b/ {print $2}' data.txt",
            "find . -name data.txt", "git --version", "tar --version", "printf '%s-%s' a b", "test -n x",
            "make --version", "test -f data.txt"};
        for (String command : ok) {
            CallToolResult r = b.run("bash", command, data.getParent().toString());
            assertThat(r.isError()).as("%s: %s", command, text(r)).isFalse();
            assertThat(data(r)).containsEntry("exitCode", 0);
        }
        String dir = data.getParent().toString();
        assertThat(text(b.run("bash", "sed -e 's/a/A/g' -e '/c/d' data.txt", dir))).contains("A 1", "b 2")
                .doesNotContain("c 3");
        assertThat(text(b.run("bash", "awk '$2 > 1 {print $1}' data.txt", dir))).startsWith("b\nc\n");
    }
}
