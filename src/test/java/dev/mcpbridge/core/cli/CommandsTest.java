package dev.mcpbridge.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.core.TestBridges;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code tools} and {@code call} commands, run in-process as a user would run them from a shell. */
class CommandsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void toolsListsATable() {
        assertThat(run("tools", "--adapters-dir", TestBridges.TESTKIT, "--adapter", "testkit")).isZero();
        assertThat(out()).contains("TOOL", "ADAPTER", "READ-ONLY").containsPattern("greet\\s+testkit\\s+yes")
                .containsPattern("boom\\s+testkit\\s+no").contains("6 tools");
    }

    @Test
    void toolsJsonPrintsContractsAndHonoursReadOnly() {
        assertThat(run("tools", "--json", "--read-only", "--adapters-dir", TestBridges.TESTKIT)).isZero();
        assertThat(out()).contains("\"name\" : \"greet\"", "\"inputSchema\"", "\"readOnlyHint\" : true")
                .doesNotContain("\"boom\"");
    }

    @Test
    void callRunsAToolAndPrintsItsText() {
        assertThat(run("call", "greet", "--arg", "name=Ada", "--adapters-dir", TestBridges.TESTKIT)).isZero();
        assertThat(out().trim()).isEqualTo("hello, Ada!");
    }

    @Test
    void callTakesJsonAndSettingsFlags() {
        assertThat(run("call", "greet", "--json", "{\"name\":\"Bo\"}", "--set", "testkit.greeting=hi",
                "--adapters-dir", TestBridges.TESTKIT)).isZero();
        assertThat(out().trim()).isEqualTo("hi, Bo!");
    }

    @Test
    void callReadsNumbersByTheSchemaAndPrintsWholeResultsAsJson() {
        assertThat(run("call", "stats", "--output", "json", "--adapters-dir", TestBridges.TESTKIT)).isZero();
        assertThat(out()).contains("\"structuredContent\"", "\"count\" : 3");
    }

    @Test
    void aFailingToolExitsWithOne() {
        assertThat(run("call", "refuse", "--adapters-dir", TestBridges.TESTKIT)).isEqualTo(1);
        assertThat(out().trim()).isEqualTo("the file 'notes.txt' does not exist");
    }

    @Test
    void toolsAndCallTakeThePositionalDirectoriesServeTakes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("note.txt"), "hi");
        assertThat(run("tools", "--adapter", "filesystem", dir.toString())).isZero();
        assertThat(out()).contains("read_text_file");
        out.reset();
        assertThat(run("call", "list_directory", "--adapter", "filesystem", "--arg", "path=" + dir, dir.toString()))
                .isZero();
        assertThat(out()).contains("note.txt");
    }

    @Test
    void anUnknownToolGetsTheClosestName() {
        assertThat(run("call", "gret", "--adapters-dir", TestBridges.TESTKIT)).isEqualTo(2);
        assertThat(err()).contains("no served tool is named 'gret' (did you mean 'greet'?)");
    }

    @Test
    void configurationErrorsPrintOneLineAndExitWithTwo() {
        assertThat(run("call", "nope", "--adapters-dir", TestBridges.TESTKIT)).isEqualTo(2);
        assertThat(err()).isEqualTo("mcp-bridge: no served tool is named 'nope' (see `mcp-bridge tools`)"
                + System.lineSeparator());
        err.reset();
        assertThat(run("tools", "--adapter", "nosuch", "--adapters-dir", TestBridges.TESTKIT)).isEqualTo(2);
        assertThat(err()).startsWith("mcp-bridge: --adapter: there is no adapter named 'nosuch'");
    }

    @Test
    void aMalformedUserAdapterStopsStartUpNamingTheFile(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("adapters"));
        Files.createDirectories(dir.resolve("routes"));
        Files.writeString(dir.resolve("adapters/bad.yaml"), "adapter: bad\ntools:\n  - name: x\n");
        Files.writeString(dir.resolve("routes/bad.yaml"), "[]");
        assertThat(run("tools", "--adapters-dir", dir.toString())).isEqualTo(2);
        assertThat(err()).contains("bad.yaml: tools[0].description: is required");
    }

    @Test
    void aMissingRequiredSettingIsNamedWhenTheAdapterIsAskedFor(@TempDir Path dir) throws Exception {
        assertThat(run("tools", "--adapters-dir", "examples/rest-todos", "--adapter", "todos")).isEqualTo(2);
        assertThat(err()).contains("adapter 'todos' needs todos.baseUrl (environment variable TODOS_API_URL)");
    }

    @Test
    void adaptersNobodyAskedForAreListedByToolsNotWarnedAboutOnEveryRun() {
        assertThat(run("tools", "--adapters-dir", "examples/rest-todos")).isZero();
        assertThat(out()).contains("not served: todos (needs todos.baseUrl (environment variable TODOS_API_URL))");
        assertThat(err()).doesNotContain("not served");
        out.reset();
        assertThat(run("call", "list_allowed_directories", "--adapters-dir", "examples/rest-todos")).isZero();
        assertThat(err()).isEmpty();
        assertThat(out()).doesNotContain("not served");
    }

    /** An adapter whose service needs something of the machine declares a check (the SPI's Availability). */
    private static String adapterWithAvailabilityCheck(Path dir, String activatedBy) throws Exception {
        Files.createDirectories(dir.resolve("adapters"));
        Files.createDirectories(dir.resolve("routes"));
        Files.writeString(dir.resolve("adapters/frob.yaml"), "adapter: frob\n" + activatedBy
                + "availability: dev.mcpbridge.testkit.NeedsFrobnicator\n"
                + "settings:\n  frobnicator: { default: '' }\n  url: { env: FROB_URL_UNSET_IN_TESTS, default: '' }\n"
                + "tools:\n  - name: frob\n    description: Frobs\n    endpoint: direct:frob.frob\n"
                + "    input: { type: object }\n");
        Files.writeString(dir.resolve("routes/frob.yaml"),
                "- from:\n    uri: direct:frob.frob\n    steps:\n      - setBody: { constant: frobbed }\n");
        return dir.toString();
    }

    @Test
    void anAdapterThatCannotRunHereIsListedAsNotServedWithItsReason(@TempDir Path dir) throws Exception {
        String adapters = adapterWithAvailabilityCheck(dir, "");
        assertThat(run("tools", "--adapters-dir", adapters)).isZero();
        assertThat(out()).contains("not served: frob (no frobnicator was found; install one or set frob.frobnicator)")
                .doesNotContain("frob    ");
        out.reset();
        assertThat(run("tools", "--adapters-dir", adapters, "--set", "frob.frobnicator=/opt/frob")).isZero();
        assertThat(out()).containsPattern("frob\\s+frob").doesNotContain("not served: frob");
    }

    @Test
    void anAdapterThatCannotRunHereStopsStartUpWhenAskedFor(@TempDir Path dir) throws Exception {
        String adapters = adapterWithAvailabilityCheck(dir, "");
        assertThat(run("tools", "--adapters-dir", adapters, "--adapter", "frob")).isEqualTo(2);
        assertThat(err()).contains("frob.yaml: adapter 'frob' cannot be served here: no frobnicator was found; "
                + "install one or set frob.frobnicator");
    }

    @Test
    void anAdapterNobodyActivatedGivesTheCheckReasonWhenItCannotRunAndTheHintWhenItCan(@TempDir Path dir)
            throws Exception {
        String adapters = adapterWithAvailabilityCheck(dir, "activatedBy: [url]\n");
        assertThat(run("tools", "--adapters-dir", adapters)).isZero();
        assertThat(out()).contains("not served: frob (no frobnicator was found");
        out.reset();
        assertThat(run("tools", "--adapters-dir", adapters, "--set", "frob.frobnicator=/opt/frob")).isZero();
        assertThat(out()).contains("not served: frob (set FROB_URL_UNSET_IN_TESTS, or ask for it with --adapter frob)");
    }

    @Test
    void aMisnamedAvailabilityCheckIsADescriptorError(@TempDir Path dir) throws Exception {
        String adapters = adapterWithAvailabilityCheck(dir, "");
        Path descriptor = dir.resolve("adapters/frob.yaml");
        Files.writeString(descriptor, Files.readString(descriptor).replace("dev.mcpbridge.testkit.NeedsFrobnicator",
                "dev.mcpbridge.testkit.NoSuchCheck"));
        assertThat(run("tools", "--adapters-dir", adapters, "--adapter", "frob")).isEqualTo(2);
        assertThat(err()).contains("frob.yaml: availability: class 'dev.mcpbridge.testkit.NoSuchCheck' is not on the "
                + "class path");
    }

    @Test
    void mistypedFlagsAndSettingsAreOneLineWithTheLikelyName() {
        assertThat(run("tools", "--read-olny")).isEqualTo(2);
        assertThat(err()).startsWith("mcp-bridge: Unknown option: '--read-olny' (did you mean --read-only?)")
                .endsWith("see mcp-bridge tools --help" + System.lineSeparator()).doesNotContain("Usage");
        err.reset();
        assertThat(run("tools", "--set", "filesystem.nosuch=1")).isEqualTo(2);
        assertThat(err()).startsWith("mcp-bridge: --set filesystem.nosuch: adapter 'filesystem' has no setting 'nosuch'");
        err.reset();
        assertThat(run("tools", "--set", "nosuch.x=1")).isEqualTo(2);
        assertThat(err()).startsWith("mcp-bridge: --set nosuch.x: there is no adapter named 'nosuch'");
        err.reset();
        assertThat(run("tools", "--set", "filesystem=1")).isEqualTo(2);
        assertThat(err()).startsWith("mcp-bridge: --set filesystem: write ADAPTER.SETTING=VALUE");
        err.reset();
        assertThat(run("--port", "70000")).isEqualTo(2);
        assertThat(err()).startsWith("mcp-bridge: --port: expected a port number from 0 to 65535");
    }

    @Test
    void versionAndHelp() {
        assertThat(run("--version")).isZero();
        assertThat(out()).startsWith("mcp-bridge ");
        out.reset();
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("serve", "tools", "call", "--read-only", "--exclude-tools");
    }

    @Test
    void aRefusedSettingIsNamedWhereTheOperatorSetItNotInTheDescriptor(@TempDir Path dir) throws Exception {
        String kit = "src/test/resources/contractkit";
        Path config = dir.resolve("bridge.yaml");
        Files.writeString(config, "settings:\n  contractkit:\n    repeat: twice\n");
        assertThat(run("tools", "--config", config.toString(), "--adapters-dir", kit, "--adapter", "contractkit"))
                .isEqualTo(2);
        assertThat(err()).isEqualTo("mcp-bridge: " + config + ":3:5: settings.contractkit.repeat: must be a whole "
                + "number, not 'twice'" + System.lineSeparator());
        err.reset();
        assertThat(run("tools", "--config", config.toString(), "--set", "contractkit.repeat=thrice",
                "--adapters-dir", kit, "--adapter", "contractkit")).isEqualTo(2);
        assertThat(err()).isEqualTo("mcp-bridge: --set contractkit.repeat: must be a whole number, not 'thrice'"
                + System.lineSeparator());
    }

    @Test
    void anOptionWrittenBeforeTheCommandIsRefusedNotIgnored() {
        assertThat(run("--adapters-dir", TestBridges.TESTKIT, "tools")).isEqualTo(2);
        assertThat(err()).isEqualTo("mcp-bridge: --adapters-dir must come after 'tools': mcp-bridge tools "
                + "--adapters-dir ..." + System.lineSeparator());
        assertThat(out()).isEmpty();
    }
}
