package dev.mcpbridge.quickfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpbridge.it.ItEnv;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar serving quickfiles over stdio ({@code --adapter quickfiles}, its directory from a configuration file
 * that is changed before a restart), driven by the official MCP TypeScript SDK client through
 * {@code src/test/resources/quickfiles/qf-client-check.mjs}: every tool once, errors as results, and a restart that
 * reads a changed configuration file.
 */
class QuickfilesRealClientIT {

    private static final long CLIENT_TIMEOUT_SECONDS = 150;
    private static final List<String> TOOLS = List.of("read_multiple_files", "list_directory_contents",
            "edit_multiple_files", "search_and_replace", "search_in_files", "delete_files", "copy_files", "move_files",
            "extract_markdown_structure", "restart_mcp_servers");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyToolOverStdioWithTheOfficialClient(@TempDir Path tmp) throws Exception {
        Path sdk = ItEnv.jsDir().resolve("node_modules/@modelcontextprotocol/sdk");
        Assumptions.assumeTrue(Files.isDirectory(sdk), () -> sdk + " is missing: the JS dependencies are not installed");
        if (!Files.isRegularFile(ItEnv.jar())) {
            fail(ItEnv.jar() + " is missing: run `mvn package` first");
        }
        Path base = tmp.toRealPath();
        Path work = Files.createDirectories(base.resolve("work"));
        Path other = Files.createDirectories(base.resolve("other"));
        Files.writeString(other.resolve("later.txt"), "served after the restart\n");
        Files.writeString(base.resolve("secret.txt"), "TOPSECRET\n");
        Files.writeString(work.resolve("a.txt"), "one\n\ntwo\r\nthree\n");
        Files.writeString(work.resolve("doc.md"), "# Title\n\n```\n# not a heading\n```\n\nSub\n---\n");
        Path config = base.resolve("mcp-bridge.yaml");
        // The directories come from the file here, not the command line, which would win over it at the restart too.
        Files.writeString(config, "settings:\n  quickfiles:\n    directories: \"" + work + "\"\n");

        List<List<Object>> steps = List.of(
                step("read", "read_multiple_files", Map.of("paths", List.of("a.txt", Map.of("path", "a.txt",
                        "excerpts", List.of(Map.of("start", 3, "end", 3)))))),
                step("list", "list_directory_contents", Map.of("paths", List.of("."))),
                step("edit", "edit_multiple_files", Map.of("files", List.of(Map.of("path", "a.txt", "diffs",
                        List.of(Map.of("search", "(t)wo", "replace", "$1WO", "use_regex", true)))))),
                step("readAfterEdit", "read_multiple_files", Map.of("paths", List.of("a.txt"),
                        "show_line_numbers", false)),
                step("preview", "search_and_replace", Map.of("search", "one", "replace", "", "paths", List.of("."),
                        "preview", true)),
                step("replace", "search_and_replace", Map.of("search", "one", "replace", "", "paths", List.of("."))),
                step("search", "search_in_files", Map.of("paths", List.of("."), "pattern", "three")),
                step("copy", "copy_files", Map.of("operations", List.of(Map.of("source", "a.txt", "destination",
                        "b.txt")))),
                step("move", "move_files", Map.of("operations", List.of(Map.of("source", "b.txt", "destination",
                        "moved/")))),
                step("delete", "delete_files", Map.of("paths", List.of("moved/b.txt"))),
                step("outline", "extract_markdown_structure", Map.of("paths", List.of("doc.md"))),
                step("outside", "read_multiple_files", Map.of("paths", List.of("../secret.txt"))),
                step("badRegex", "search_in_files", Map.of("paths", List.of("."), "pattern", "(")),
                step("missingArg", "search_in_files", Map.of("paths", List.of("."))),
                step("beforeRestart", "read_multiple_files", Map.of("paths", List.of(other + "/later.txt"))),
                step("rewriteConfig", "__writeFile", Map.of("path", config.toString(), "content",
                        "settings:\n  quickfiles:\n    directories: \"" + other + "\"\n")),
                step("restart", "restart_mcp_servers", Map.of("servers", List.of("quickfiles", "nope"))),
                step("afterRestart", "read_multiple_files", Map.of("paths", List.of(other + "/later.txt"))));
        JsonNode report = run(base, steps, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:disable", "-Xlog:all=warning:stderr", "-jar", ItEnv.jar().toString(), "--config",
                config.toString(), "--adapter", "quickfiles"));
        JsonNode s = report.path("steps");

        List<String> names = new ArrayList<>();
        report.path("tools").forEach(t -> names.add(t.path("name").asText()));
        assertThat(names).containsExactlyInAnyOrderElementsOf(TOOLS);
        assertThat(report.path("transportErrors")).as("%s", report).isEmpty();

        assertThat(ok(s, "read")).isEqualTo("--- a.txt ---\n1 | one\n2 | \n3 | two\n4 | three\n\n--- a.txt ---\n3 | two");
        assertThat(ok(s, "list")).startsWith("## Contents of: .\n\n| Type | Name | Size | Modified | Lines |")
                .contains("| 📄 | ./a.txt |");
        assertThat(ok(s, "edit")).contains("Modified file: a.txt: 1 modification(s) made.");
        assertThat(ok(s, "readAfterEdit")).isEqualTo("--- a.txt ---\none\n\ntWO\nthree");
        assertThat(Files.readString(work.resolve("a.txt"))).isEqualTo("\n\ntWO\r\nthree\n");
        assertThat(ok(s, "preview")).contains("```diff\n--- a/./a.txt\n+++ b/./a.txt\n");
        assertThat(ok(s, "replace")).contains("Total replacements: 1 in 1 file(s)");
        assertThat(ok(s, "search")).contains("## ./a.txt\n1 match(es)");
        assertThat(ok(s, "copy")).contains("- ✓ a.txt -> b.txt (file copied)");
        assertThat(ok(s, "move")).contains("- ✓ b.txt -> moved/b.txt (file moved)");
        assertThat(ok(s, "delete")).contains("Deleted file: moved/b.txt");
        assertThat(ok(s, "outline")).isEqualTo("## Markdown file structure\n\n### File: doc.md\n\n- [L1] Title\n"
                + "  - [L7] Sub\n\n");
        assertThat(error(s, "outside")).contains("outside the allowed directories").doesNotContain("TOPSECRET");
        assertThat(error(s, "badRegex")).contains("pattern is not a valid regular expression");
        assertThat(error(s, "missingArg")).contains("pattern");
        assertThat(error(s, "beforeRestart")).contains("outside the allowed directories");
        assertThat(ok(s, "restart")).contains("## Restarted:\n- ✅ quickfiles").contains("## Not found:\n- ❌ nope");
        assertThat(ok(s, "afterRestart")).contains("1 | served after the restart");
    }

    private static List<Object> step(String key, String tool, Map<String, Object> args) {
        return List.of(key, tool, args);
    }

    private static String ok(JsonNode steps, String key) {
        JsonNode step = steps.path(key);
        assertThat(step.path("ok").asBoolean()).as("step %s answered: %s", key, step).isTrue();
        assertThat(step.path("isError").asBoolean()).as("step %s succeeded: %s", key, step).isFalse();
        return step.path("text").asText();
    }

    private static String error(JsonNode steps, String key) {
        JsonNode step = steps.path(key);
        assertThat(step.path("ok").asBoolean()).as("step %s answered: %s", key, step).isTrue();
        assertThat(step.path("isError").asBoolean()).as("step %s is an error result: %s", key, step).isTrue();
        return step.path("text").asText();
    }

    private JsonNode run(Path base, List<List<Object>> steps, List<String> server) throws Exception {
        URL script = QuickfilesRealClientIT.class.getResource("/quickfiles/qf-client-check.mjs");
        assertThat(script).as("qf-client-check.mjs on the test classpath").isNotNull();
        Path stepsFile = base.resolve("steps.json");
        json.writeValue(stepsFile.toFile(), steps);
        Path out = ItEnv.logDir().resolve("QuickfilesRealClientIT.client.stdout.log");
        Path err = ItEnv.logDir().resolve("QuickfilesRealClientIT.client.stderr.log");
        List<String> command = new ArrayList<>(List.of(ItEnv.node(), Path.of(script.toURI()).toString(),
                ItEnv.jsDir().resolve("node_modules/@modelcontextprotocol/sdk").toString(), stepsFile.toString()));
        command.addAll(server);
        ProcessBuilder builder = new ProcessBuilder(command).directory(base.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("QUICKFILES_") || k.startsWith("MCP_BRIDGE_"));
        Process process = builder.start();
        try {
            process.getOutputStream().close();
            assertThat(process.waitFor(CLIENT_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                    .as("qf-client-check finished; stderr (%s):%n%s", err, tail(err)).isTrue();
            assertThat(process.exitValue()).as("qf-client-check exit code; stderr:%n%s", tail(err)).isZero();
        } finally {
            ItEnv.stop(process);
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8).strip();
        assertThat(stdout).as("qf-client-check stdout (%s)", out).isNotEmpty();
        return json.readTree(stdout);
    }

    private static String tail(Path file) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ")";
        }
    }
}
