package dev.mcpbridge.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.testkit.Swapper;
import dev.mcpbridge.testkit.TreeSnapshot;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15's filesystem races: a directory inside the allowed one is swapped with a link to a directory outside
 * (renameat2 RENAME_EXCHANGE when gcc is here) while every tool uses paths through it, in a bounded loop. Nothing
 * outside may be read, written, created, moved or deleted: the outside directory must end exactly as it began, and
 * no answer may carry its content. "Never escaped in N tries" can only fail on a real escape.
 */
class SwapRaceTest {

    private static final int TRIES = 120;
    private static final String SECRET = "OUTSIDE-SECRET-CONTENT";

    @TempDir
    Path work;
    private Path project;
    private Path outside;
    private Path sub;
    private FsBridge bridge;
    private Swapper swapper;
    private Map<String, String> before;

    @BeforeEach
    void setUp() throws IOException {
        project = Files.createDirectories(work.resolve("project"));
        outside = Files.createDirectories(work.resolve("outside"));
        sub = Files.createDirectories(project.resolve("sub"));
        for (Path dir : new Path[] {sub, outside}) {
            String content = dir == outside ? SECRET : "inside content";
            Files.writeString(dir.resolve("file.txt"), content + "\n");
            for (int k = 0; k < TRIES; k++) {
                Files.writeString(dir.resolve("victim-" + k), content);
            }
        }
        // A name only the outside has: a listing that shows it listed outside.
        Files.writeString(outside.resolve("only-outside-" + SECRET), "x");
        Files.createSymbolicLink(project.resolve("link"), outside);
        before = TreeSnapshot.of(outside);
        Map<String, String> settings = FsBridge.dirs(project);
        settings.put("allowDelete", "true");
        bridge = FsBridge.start(settings);
        swapper = Swapper.start(sub, project.resolve("link"), work);
    }

    @AfterEach
    void tearDown() throws Exception {
        swapper.close();
        bridge.close();
    }

    private String text(CallToolResult r) {
        if (r.content().isEmpty()) {
            return "";
        }
        return r.content().get(0) instanceof McpSchema.TextContent t ? t.text() : String.valueOf(r.content());
    }

    private void race(String tool, IntFunction<Map<String, Object>> args) throws IOException {
        int escaped = 0;
        int ok = 0;
        for (int k = 0; k < TRIES; k++) {
            CallToolResult r = bridge.call(tool, args.apply(k));
            String t = text(r) + r.structuredContent();
            if (t.contains(SECRET) || t.contains(java.util.Base64.getEncoder().encodeToString((SECRET + "\n").getBytes()))) {
                escaped++;
            } else if (!r.isError()) {
                ok++;
            }
        }
        System.err.printf("swap race %s (%s): %d tries, %d answered, %d refused or failed, %d leaked%n", tool,
                swapper.how(), TRIES, ok, TRIES - ok - escaped, escaped);
        assertThat(escaped).as("%s answers that carried outside content", tool).isZero();
        try (Stream<Path> left = Files.list(outside)) {
            assertThat(TreeSnapshot.of(outside)).as("%s: the outside directory is untouched (left: %s)", tool,
                    left.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("victim")).toList())
                    .isEqualTo(before);
        }
    }

    private String in(String name) {
        return sub.resolve(name).toString();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"read_text_file", "read_text_file head", "read_multiple_files", "edit_file dryRun",
        "search_file_contents", "write_file", "edit_file", "move_file out", "move_file in", "copy_file",
        "create_directory", "delete_file", "list_directory_with_sizes", "read_media_file", "list_directory sub",
        "list_directory_with_sizes sub", "directory_tree", "search_files"})
    void nothingOutsideIsReachedThroughASwappedDirectory(String tool) throws IOException {
        switch (tool) {
            case "read_text_file" -> race("read_text_file", k -> Map.of("path", in("file.txt")));
            case "read_text_file head" -> race("read_text_file", k -> Map.of("path", in("file.txt"), "head", 1));
            case "read_multiple_files" -> race("read_multiple_files", k -> Map.of("paths",
                    java.util.List.of(in("file.txt"), in("victim-1"))));
            case "edit_file dryRun" -> race("edit_file", k -> Map.of("path", in("file.txt"), "dryRun", true,
                    "edits", java.util.List.of(Map.of("oldText", "content", "newText", "x"))));
            case "search_file_contents" -> race("search_file_contents", k -> Map.of("path", project.toString(),
                    "pattern", "CONTENT"));
            case "write_file" -> race("write_file", k -> Map.of("path", in("written-" + k), "content", "w"));
            case "edit_file" -> race("edit_file", k -> Map.of("path", in("victim-" + k),
                    "edits", java.util.List.of(Map.of("oldText", "content", "newText", "edited"))));
            case "move_file out" -> race("move_file", k -> Map.of("source", in("victim-" + k),
                    "destination", project.resolve("moved-" + k).toString()));
            case "move_file in" -> {
                for (int k = 0; k < TRIES; k++) {
                    Files.writeString(project.resolve("incoming-" + k), "in");
                }
                race("move_file", k -> Map.of("source", project.resolve("incoming-" + k).toString(),
                        "destination", in("incoming-" + k)));
            }
            case "copy_file" -> race("copy_file", k -> Map.of("source", in("victim-" + k),
                    "destination", project.resolve("copy-" + k).toString()));
            case "create_directory" -> race("create_directory", k -> Map.of("path", in("dir-" + k)));
            case "delete_file" -> race("delete_file", k -> Map.of("path", in("victim-" + k)));
            case "list_directory_with_sizes" -> race("list_directory_with_sizes", k -> Map.of("path",
                    project.toString()));
            case "read_media_file" -> race("read_media_file", k -> Map.of("path", in("file.txt")));
            case "list_directory sub" -> race("list_directory", k -> Map.of("path", sub.toString()));
            case "list_directory_with_sizes sub" -> race("list_directory_with_sizes", k -> Map.of("path",
                    sub.toString()));
            case "directory_tree" -> race("directory_tree", k -> Map.of("path", project.toString()));
            case "search_files" -> race("search_files", k -> Map.of("path", project.toString(), "pattern",
                    "**/only-outside-*"));
            default -> throw new AssertionError(tool);
        }
        if (tool.startsWith("copy") || tool.equals("move_file out")) {
            try (Stream<Path> copies = Files.list(project)) {
                for (Path p : copies.filter(p -> p.getFileName().toString().matches("(copy|moved)-.*")).toList()) {
                    assertThat(Files.readString(p)).as("pulled in from outside: %s", p).doesNotContain(SECRET);
                }
            }
        }
    }
}
