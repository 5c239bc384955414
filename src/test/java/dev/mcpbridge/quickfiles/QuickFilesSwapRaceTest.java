package dev.mcpbridge.quickfiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.testkit.Swapper;
import dev.mcpbridge.testkit.TreeSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15's races for quickfiles: a directory inside the allowed one is swapped with a link to a directory outside
 * (renameat2 RENAME_EXCHANGE when gcc is here) while each tool uses paths through it, in a bounded loop. Nothing
 * outside may be read, listed, written, created, moved, copied or deleted: the outside directory must end exactly
 * as it began (so no temporary file or directory is left there either), no answer may carry its content or names,
 * and nothing inside may hold outside content afterwards. Outcomes are counted, never timed: the test fails only
 * on an escape.
 */
class QuickFilesSwapRaceTest {

    private static final int TRIES = 60;
    /** In every outside file's content and in outside-only names; edits and replaces keep it (they change "content"). */
    private static final String SECRET = "OUTSIDE-SECRET";

    @TempDir
    Path work;
    private Path project;
    private Path outside;
    private Path sub;
    private QuickFilesFixture qf;
    private Swapper swapper;
    private Map<String, String> before;

    @BeforeEach
    void setUp() throws IOException {
        project = Files.createDirectories(work.resolve("project"));
        outside = Files.createDirectories(work.resolve("outside"));
        sub = Files.createDirectories(project.resolve("sub"));
        // The same names on both sides, so that every path through the swapped directory names something outside.
        for (Path dir : new Path[] {sub, outside}) {
            String content = dir == outside ? SECRET + " content" : "inside content";
            Files.writeString(dir.resolve("file.txt"), content + "\n");
            Files.writeString(dir.resolve("file.md"), "# " + content + "\n\ntext\n");
            for (int k = 0; k < TRIES; k++) {
                Files.writeString(dir.resolve("victim-" + k + ".txt"), content);
                Path tree = Files.createDirectories(dir.resolve("tree-" + k).resolve("inner"));
                Files.writeString(tree.resolve("leaf.txt"), content);
                if (dir == outside) {
                    Files.writeString(tree.resolve("only-outside-" + SECRET + ".txt"), content);
                }
            }
        }
        Files.writeString(outside.resolve("only-outside-" + SECRET + ".txt"), "x");
        for (int k = 0; k < TRIES; k++) {
            Files.writeString(project.resolve("incoming-" + k + ".txt"), "incoming");
        }
        Files.createSymbolicLink(project.resolve("link"), outside);
        before = TreeSnapshot.of(outside);
        qf = new QuickFilesFixture(project);
        swapper = Swapper.start(sub, project.resolve("link"), work);
    }

    @AfterEach
    void tearDown() throws Exception {
        swapper.close();
    }

    private void race(String tool, IntFunction<Map<String, Object>> args) throws IOException {
        int escaped = 0;
        int ok = 0;
        for (int k = 0; k < TRIES; k++) {
            String answer;
            boolean error;
            try {
                TextResult r = qf.call(tool, args.apply(k));
                answer = r.text();
                error = r.error();
            } catch (ToolException e) {
                answer = e.getMessage();
                error = true;
            }
            if (answer.contains(SECRET)) {
                escaped++;
            } else if (!error) {
                ok++;
            }
        }
        System.err.printf("quickfiles swap race %s (%s): %d tries, %d answered, %d refused or failed, %d leaked%n",
                tool, swapper.how(), TRIES, ok, TRIES - ok - escaped, escaped);
        assertThat(escaped).as("%s answers that carried outside content or names", tool).isZero();
        assertThat(TreeSnapshot.of(outside)).as("%s: the outside directory is untouched", tool).isEqualTo(before);
    }

    private String in(String name) {
        return sub.resolve(name).toString();
    }

    private String top(String name) {
        return project.resolve(name).toString();
    }

    private static Map<String, Object> transfer(String source, String destination) {
        return Map.of("operations", List.of(Map.of("source", source, "destination", destination)));
    }

    private static Map<String, Object> transfer(String source, String destination, String conflict) {
        return Map.of("operations", List.of(Map.of("source", source, "destination", destination,
                "conflict_strategy", conflict)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"read", "read excerpts", "markdown", "list", "list inside", "search", "search file",
        "replace preview", "replace", "replace files", "edit", "delete", "move out", "move in", "move tree",
        "copy out", "copy in", "copy tree", "copy rename", "copy glob", "mkdir"})
    void nothingOutsideIsReachedThroughASwappedDirectory(String operation) throws Exception {
        switch (operation) {
            case "read" -> race("read_multiple_files", k -> Map.of("paths", List.of(in("file.txt"),
                    in("victim-" + k + ".txt"))));
            case "read excerpts" -> race("read_multiple_files", k -> Map.of("paths", List.of(Map.of("path",
                    in("file.txt"), "excerpts", List.of(Map.of("start", 1, "end", 1))))));
            case "markdown" -> race("extract_markdown_structure", k -> Map.of("paths", List.of(in("file.md"))));
            case "list" -> race("list_directory_contents", k -> Map.of("paths", List.of(project.toString()),
                    "recursive", true, "max_lines", 100_000));
            case "list inside" -> race("list_directory_contents", k -> Map.of("paths", List.of(in("tree-" + k)),
                    "recursive", true));
            case "search" -> race("search_in_files", k -> Map.of("paths", List.of(project.toString()),
                    "pattern", "CONTENT", "use_regex", false, "max_total_results", 100_000));
            case "search file" -> race("search_in_files", k -> Map.of("paths", List.of(in("file.txt")),
                    "pattern", "CONTENT"));
            case "replace preview" -> race("search_and_replace", k -> Map.of("search", "content", "replace", "x",
                    "preview", true, "paths", List.of(in("victim-" + k + ".txt"))));
            case "replace" -> race("search_and_replace", k -> Map.of("search", "content", "replace", "edited",
                    "paths", List.of(in("tree-" + k))));
            case "replace files" -> race("search_and_replace", k -> Map.of("search", "x", "replace", "y",
                    "files", List.of(Map.of("path", in("victim-" + k + ".txt"), "search", "content",
                            "replace", "edited"))));
            case "edit" -> race("edit_multiple_files", k -> Map.of("files", List.of(Map.of("path",
                    in("victim-" + k + ".txt"), "diffs", List.of(Map.of("search", "content", "replace",
                            "edited"))))));
            case "delete" -> race("delete_files", k -> Map.of("paths", List.of(in("victim-" + k + ".txt"))));
            case "move out" -> race("move_files", k -> transfer(in("victim-" + k + ".txt"), top("moved-" + k)));
            case "move in" -> race("move_files", k -> transfer(top("incoming-" + k + ".txt"),
                    in("victim-" + k + ".txt")));
            case "move tree" -> race("move_files", k -> transfer(in("tree-" + k), top("moved-tree-" + k)));
            case "copy out" -> race("copy_files", k -> transfer(in("victim-" + k + ".txt"), top("copy-" + k)));
            case "copy in" -> race("copy_files", k -> transfer(top("incoming-" + k + ".txt"),
                    in("victim-" + k + ".txt")));
            case "copy tree" -> race("copy_files", k -> transfer(in("tree-" + k), top("copy-tree-" + k)));
            case "copy rename" -> race("copy_files", k -> transfer(top("incoming-" + k + ".txt"),
                    in("victim-" + k + ".txt"), "rename"));
            case "copy glob" -> race("copy_files", k -> transfer(in("victim-" + k + ".*"), top("glob-" + k + "/")));
            case "mkdir" -> race("copy_files", k -> transfer(top("incoming-" + k + ".txt"), in("new-" + k + "/")));
            default -> throw new AssertionError(operation);
        }
        // Nothing may have been pulled in from outside. The swapping stops first: this walk is by path.
        swapper.close();
        try (Stream<Path> inside = Files.walk(project)) {
            for (Path p : inside.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(p)).as("pulled in from outside: %s", p).doesNotContain(SECRET);
            }
        }
    }
}
