package dev.mcpbridge.filesystem;

import dev.mcpbridge.it.ItEnv;
import dev.mcpbridge.lib.files.Sizes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar serving the filesystem adapter over stdio ({@code --adapter filesystem <dir>}, the directory as a
 * positional argument), driven by the official MCP TypeScript SDK client through
 * {@code src/test/resources/filesystem/fs-client-check.mjs}, which calls every tool once or more and reports what it
 * got. The client also offers a root of its own, which the default roots mode (add) must add to the sandbox.
 */
class FilesystemRealClientIT {

    private static final long CLIENT_TIMEOUT_SECONDS = 150;
    private static final String SECRET = "TOP-SECRET-CANARY-it-5d21";
    private static final byte[] PIXEL = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    private static final List<String> ALL_TOOLS = List.of("read_text_file", "read_file", "read_media_file",
            "read_multiple_files", "write_file", "edit_file", "create_directory", "list_directory",
            "list_directory_with_sizes", "directory_tree", "move_file", "search_files", "get_file_info",
            "list_allowed_directories", "search_file_contents", "copy_file", "delete_file");
    /** Steps whose tool answers with the official {content: text} structured content. */
    private static final Set<String> NOT_TEXT_OUTPUT = Set.of("readMedia", "grep", "grepBadRegex");

    private final ObjectMapper json = new ObjectMapper();

    private static Path sdkDir() {
        return ItEnv.jsDir().resolve("node_modules/@modelcontextprotocol/sdk");
    }

    /** The client script, from the test classpath (a copy of src/test/resources/filesystem/fs-client-check.mjs). */
    private static Path script() throws URISyntaxException {
        URL url = FilesystemRealClientIT.class.getResource("/filesystem/fs-client-check.mjs");
        assertThat(url).as("fs-client-check.mjs on the test classpath").isNotNull();
        return Path.of(url.toURI());
    }

    @Test
    void everyToolOverStdioWithTheOfficialClient(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(sdkDir()), () -> sdkDir() + " is missing: the JS dependencies are"
                + " not installed (run `npm ci` in src/test/js, or build without -Dskip.npm)");
        if (!Files.isRegularFile(ItEnv.jar())) {
            fail(ItEnv.jar() + " is missing: run `mvn package` first");
        }
        Path base = tmp.toRealPath();
        Path allowed = Files.createDirectories(base.resolve("allowed"));
        Path clientRoot = Files.createDirectories(base.resolve("client-root"));
        Files.createDirectories(base.resolve("outside"));
        Files.writeString(base.resolve("outside/secret.txt"), SECRET);
        Files.writeString(clientRoot.resolve("from-client-root.txt"), "from the client root");
        Files.write(allowed.resolve("pixel.png"), PIXEL);
        Witness outside = Witness.of(base, "allowed");

        JsonNode report = runClient(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:disable", "-Xlog:all=warning:stderr", "-jar", ItEnv.jar().toString(),
                "--adapter", "filesystem", "--set", "filesystem.allowDelete=true", allowed.toString()), clientRoot);
        String where = "report " + report;
        JsonNode s = report.path("steps");

        assertThat(s.at("/initialize/ok").asBoolean()).as("initialize; %s", where).isTrue();
        assertThat(s.at("/initialize/serverInfo/name").asText()).as("serverInfo.name").isNotBlank();
        assertThat(s.at("/toolsList/ok").asBoolean()).as("tools/list; %s", where).isTrue();
        List<String> names = new ArrayList<>();
        s.at("/toolsList/tools").forEach(t -> {
            names.add(t.path("name").asText());
            assertThat(t.path("hasOutputSchema").asBoolean()).as("%s has an output schema", t).isTrue();
            assertThat(t.path("title").asText()).as("%s has a title", t).isNotBlank();
        });
        assertThat(names).containsExactlyInAnyOrderElementsOf(ALL_TOOLS);
        s.at("/toolsList/tools").forEach(t -> {
            if (t.path("name").asText().startsWith("read_")) {
                assertThat(t.at("/annotations/readOnlyHint").asBoolean()).as("%s", t).isTrue();
            }
        });
        assertThat(report.path("rootsRequests").asInt()).as("the server asked for the client's roots").isPositive();

        // every step got an answer (a result, possibly isError), never a protocol error
        s.fields().forEachRemaining(e -> assertThat(e.getValue().path("ok").asBoolean())
                .as("step %s answered; %s", e.getKey(), e.getValue()).isTrue());
        // the official tools' structured content is {content: <the same text>}
        s.fields().forEachRemaining(e -> {
            JsonNode step = e.getValue();
            if (step.has("isError") && !step.path("isError").asBoolean() && !NOT_TEXT_OUTPUT.contains(e.getKey())) {
                assertThat(step.path("structuredContent")).as("step %s structuredContent", e.getKey())
                        .isEqualTo(json.createObjectNode().put("content", step.path("text").asText()));
            }
        });

        assertThat(ok(s, "listAllowed")).isEqualTo("Allowed directories:\n" + allowed + "\n" + clientRoot);
        assertThat(ok(s, "write")).isEqualTo("Successfully wrote to hello.txt");
        assertThat(ok(s, "read")).isEqualTo("Hello\nWorld\nfrom the client\n");
        assertThat(ok(s, "readHead")).isEqualTo("Hello");
        assertThat(ok(s, "readRange")).isEqualTo("World");
        assertThat(ok(s, "readDeprecated")).isEqualTo("Hello\nWorld\nfrom the client\n");
        assertThat(error(s, "readHeadAndTail")).isEqualTo("give only one of head, tail or startLine/endLine");
        assertThat(error(s, "readOutside")).contains("access denied").contains("'../outside/secret.txt'")
                .doesNotContain(SECRET).doesNotContain(base.resolve("outside").toString());
        assertThat(error(s, "readMissingArg")).startsWith("Invalid arguments for tool 'read_text_file'")
                .contains("path");
        assertThat(ok(s, "readMultiple")).startsWith("hello.txt:\nHello\nWorld\nfrom the client\n\n\n---\n")
                .endsWith("missing.txt: Error - 'missing.txt' does not exist");

        ok(s, "readMedia");
        String pixel = Base64.getEncoder().encodeToString(PIXEL);
        assertThat(s.at("/readMedia/contentTypes/0").asText()).isEqualTo("image");
        assertThat(s.at("/readMedia/content/0/mimeType").asText()).isEqualTo("image/png");
        assertThat(s.at("/readMedia/content/0/data").asText()).isEqualTo(pixel);
        assertThat(s.at("/readMedia/structuredContent/content/0/type").asText()).isEqualTo("image");
        assertThat(s.at("/readMedia/structuredContent/content/0/data").asText()).isEqualTo(pixel);

        assertThat(ok(s, "editDryRun")).startsWith("```diff\n").contains("-World\n+There\n").endsWith("```\n\n");
        // the dry run changed nothing: the real edit still finds World
        assertThat(ok(s, "edit")).contains("-World\n+Planet\n");
        assertThat(error(s, "editNoMatch")).contains("could not find a match").contains("no such text");
        assertThat(ok(s, "createDirectory")).isEqualTo("Successfully created directory nested/deeper");
        assertThat(ok(s, "listDirectory").split("\n")).containsExactlyInAnyOrder("[FILE] hello.txt",
                "[FILE] pixel.png", "[DIR] nested");
        assertThat(ok(s, "listWithSizes")).contains("[FILE] hello.txt").contains("[DIR] nested")
                .endsWith("Total: 2 files, 1 directories\nCombined size: " + Sizes.format(PIXEL.length + 29));

        JsonNode tree = json.readTree(ok(s, "tree"));
        Set<String> top = new HashSet<>();
        tree.forEach(n -> top.add(n.path("name").asText() + ":" + n.path("type").asText()));
        assertThat(top).containsExactlyInAnyOrder("hello.txt:file", "nested:directory");
        tree.forEach(n -> {
            if (n.path("name").asText().equals("nested")) {
                assertThat(n.path("children").get(0).path("name").asText()).isEqualTo("deeper");
                assertThat(n.path("children").get(0).path("children").isArray()).isTrue();
                assertThat(n.path("children").get(0).path("children")).isEmpty();
            } else {
                assertThat(n.has("children")).as("a file has no children").isFalse();
            }
        });

        assertThat(ok(s, "move")).isEqualTo("Successfully moved hello.txt to nested/hello.txt");
        assertThat(error(s, "moveOntoExisting")).contains("already exists");
        assertThat(ok(s, "copy")).isEqualTo("Successfully copied nested to nested-copy (1 file)");
        assertThat(ok(s, "searchFiles").split("\n")).containsExactlyInAnyOrder(
                allowed.resolve("nested/hello.txt").toString(), allowed.resolve("nested-copy/hello.txt").toString());
        assertThat(ok(s, "fileInfo")).contains("size: 29\n").contains("isFile: true").contains("isDirectory: false");

        ok(s, "grep");
        JsonNode grep = s.at("/grep/structuredContent");
        assertThat(grep.path("filesMatched").asInt()).isEqualTo(2);
        assertThat(grep.path("truncated").asBoolean()).isFalse();
        assertThat(grep.path("matches")).hasSize(2);
        grep.path("matches").forEach(m -> {
            assertThat(m.path("line").asInt()).isEqualTo(2);
            assertThat(m.path("text").asText()).isEqualTo("Planet");
            assertThat(m.path("before").get(0).asText()).isEqualTo("Hello");
            assertThat(m.path("after").get(0).asText()).isEqualTo("from the client");
        });
        assertThat(s.at("/grep/text").asText()).contains(allowed.resolve("nested/hello.txt") + ":2:Planet");
        assertThat(error(s, "grepBadRegex")).startsWith("pattern is not a valid regular expression");

        assertThat(ok(s, "delete")).startsWith("Successfully deleted nested-copy");
        assertThat(error(s, "deleteRoot")).contains("allowed directory itself");
        assertThat(ok(s, "readClientRoot")).isEqualTo("from the client root");
        assertThat(report.path("transportErrors")).as("transport errors; %s", where).isEmpty();

        // what the session left on disk
        assertThat(allowed.resolve("nested/hello.txt")).hasContent("Hello\nPlanet\nfrom the client");
        assertThat(allowed.resolve("hello.txt")).doesNotExist();
        assertThat(allowed.resolve("nested-copy")).doesNotExist();
        assertThat(allowed.resolve("nested/deeper")).isDirectory();
        assertThat(allowed.resolve("pixel.png")).hasBinaryContent(PIXEL);
        outside.assertUnchanged();
        assertThat(report.toString()).doesNotContain(SECRET);
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

    /** Runs {@code node fs-client-check.mjs <sdk> <clientRoot> server...} and returns its JSON report. */
    private JsonNode runClient(List<String> server, Path clientRoot) throws Exception {
        Path dir = ItEnv.logDir();
        Path out = dir.resolve("FilesystemRealClientIT.client.stdout.log");
        Path err = dir.resolve("FilesystemRealClientIT.client.stderr.log");
        List<String> command = new ArrayList<>(List.of(ItEnv.node(), script().toString(), sdkDir().toString(),
                clientRoot.toString()));
        command.addAll(server);
        ProcessBuilder builder = new ProcessBuilder(command).directory(clientRoot.getParent().toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        // The server inherits this environment: no filesystem or bridge settings may leak in from the build's.
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("FILESYSTEM_") || k.startsWith("MCP_BRIDGE_"));
        Process process = builder.start();
        try {
            process.getOutputStream().close();
            boolean done = process.waitFor(CLIENT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(done).as("fs-client-check finished within %d s; stderr (%s):%n%s", CLIENT_TIMEOUT_SECONDS, err,
                    tail(err)).isTrue();
            assertThat(process.exitValue()).as("fs-client-check exit code; stderr (%s):%n%s", err, tail(err))
                    .isZero();
        } finally {
            ItEnv.stop(process);
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8).strip();
        assertThat(stdout).as("fs-client-check stdout (%s)", out).isNotEmpty().doesNotContain("\n");
        return json.readTree(stdout);
    }

    private static String tail(Path file) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
