package dev.mcpbridge.quickfiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox matrix: every tool that takes a path, given a path that leaves the allowed directory by '..', as an
 * absolute path, through a symbolic link, or as a glob with '..', never reads, changes, creates or deletes
 * anything outside, and never shows what is there.
 */
class SandboxMatrixTest {

    private static final String SECRET = "TOPSECRET";
    /** Matches the secret without containing it, so that echoing the search shows nothing. */
    private static final String FINDS_SECRET = "TOP.ECRET";

    @TempDir
    Path tmp;
    Path root;
    Path outside;
    QuickFilesFixture qf;

    private int round;

    /** A fresh sandbox and outside directory for each check: dynamic tests share one @BeforeEach. */
    void setUp() throws IOException {
        Path base = Files.createDirectory(tmp.resolve("round" + round++));
        root = Files.createDirectory(base.resolve("root"));
        outside = Files.createDirectory(base.resolve("outside"));
        Files.writeString(outside.resolve("secret.md"), "# " + SECRET + " heading\n" + SECRET + " body\n");
        Files.createSymbolicLink(root.resolve("linkdir"), outside);
        Files.createSymbolicLink(root.resolve("linkfile.md"), outside.resolve("secret.md"));
        Files.writeString(root.resolve("inside.md"), "# inside\nsafe\n");
        qf = new QuickFilesFixture(root);
    }

    /** Ways to name the outside file. */
    private List<String> fileForms() {
        return List.of("../outside/secret.md", "{outside}/secret.md", "linkdir/secret.md",
                "linkfile.md", "../outside/*.md", "linkdir/*.md", "linkdir/../../outside/secret.md");
    }

    /** Ways to name the outside directory. */
    private List<String> dirForms() {
        return List.of("..", "../outside", "{outside}", "linkdir", "linkdir/../../outside", "../*");
    }

    private record Case(String tool, Function<String, Map<String, Object>> args, boolean directory) {
    }

    private List<Case> cases() {
        return List.of(
                new Case("read_multiple_files", p -> Map.of("paths", List.of(p)), false),
                new Case("read_multiple_files", p -> Map.of("paths", List.of(Map.of("path", p, "excerpts",
                        List.of(Map.of("start", 1, "end", 2))))), false),
                new Case("list_directory_contents", p -> Map.of("paths", List.of(p), "recursive", true), true),
                new Case("list_directory_contents", p -> Map.of("paths", List.of("."), "recursive", true,
                        "file_pattern", p.contains("*") ? p : "../outside/*"), true),
                new Case("edit_multiple_files", p -> Map.of("files", List.of(Map.of("path", p, "diffs",
                        List.of(Map.of("search", FINDS_SECRET, "replace", "CHANGED", "use_regex", true))))), false),
                new Case("search_and_replace", p -> Map.of("search", FINDS_SECRET, "replace", "CHANGED", "paths",
                        List.of(p)), false),
                new Case("search_and_replace", p -> Map.of("search", FINDS_SECRET, "replace", "CHANGED", "paths",
                        List.of(p)), true),
                new Case("search_and_replace", p -> Map.of("search", FINDS_SECRET, "replace", "CHANGED", "paths",
                        List.of("."), "file_pattern", p.contains("*") ? p : "../outside/*.md"), true),
                new Case("search_and_replace", p -> Map.of("search", "x", "replace", "y", "files", List.of(
                        Map.of("path", p, "search", FINDS_SECRET, "replace", "CHANGED"))), false),
                new Case("search_in_files", p -> Map.of("paths", List.of(p), "pattern", FINDS_SECRET), false),
                new Case("search_in_files", p -> Map.of("paths", List.of(p), "pattern", FINDS_SECRET), true),
                new Case("search_in_files", p -> Map.of("paths", List.of("."), "pattern", FINDS_SECRET, "file_pattern",
                        p.contains("*") ? p : "../outside/*"), true),
                new Case("delete_files", p -> Map.of("paths", List.of(p)), false),
                new Case("copy_files", p -> Map.of("operations", List.of(Map.of("source", p, "destination",
                        "copied/"))), false),
                new Case("copy_files", p -> Map.of("operations", List.of(Map.of("source", "inside.md",
                        "destination", p.replace("secret.md", "planted.md").replace("*", "planted")))), false),
                new Case("copy_files", p -> Map.of("operations", List.of(Map.of("source", "inside.md",
                        "destination", p + "/"))), true),
                new Case("move_files", p -> Map.of("operations", List.of(Map.of("source", p, "destination",
                        "moved.md"))), false),
                new Case("move_files", p -> Map.of("operations", List.of(Map.of("source", "inside.md",
                        "destination", p.replace("secret.md", "planted.md").replace("*", "planted")))), false),
                new Case("move_files", p -> Map.of("operations", List.of(Map.of("source", p, "destination",
                        "moveddir"))), true),
                new Case("extract_markdown_structure", p -> Map.of("paths", List.of(p)), false));
    }

    @TestFactory
    Stream<DynamicTest> noToolReachesOutside() {
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (Case c : cases()) {
            n++;
            for (String form : c.directory() ? dirForms() : fileForms()) {
                tests.add(DynamicTest.dynamicTest(c.tool() + " #" + n + " " + form, () -> check(c, form)));
            }
        }
        return tests.stream();
    }

    private void check(Case c, String form) throws IOException {
        setUp();
        Map<String, String> before = snapshot(outside);
        String answer;
        try {
            TextResult r = qf.call(c.tool(), c.args().apply(form.replace("{outside}", outside.toString())));
            answer = r.text();
        } catch (ToolException e) {
            answer = e.getMessage();
        }
        assertThat(answer).as("what %s answered", c.tool()).doesNotContain(SECRET);
        assertThat(snapshot(outside)).as("the outside directory after %s", c.tool()).isEqualTo(before);
        Map<String, String> rootAfter = snapshot(root);
        for (Map.Entry<String, String> e : rootAfter.entrySet()) {
            assertThat(e.getValue()).as("%s inside the sandbox after %s", e.getKey(), c.tool()).doesNotContain(SECRET);
        }
        assertThat(root.resolve("linkfile.md")).as("only the link, never its target, may be removed").satisfiesAnyOf(
                p -> assertThat(Files.isSymbolicLink(p)).isTrue(), p -> assertThat(c.tool()).isIn("delete_files",
                        "move_files"));
    }

    /** Every entry below dir, links not followed, with file contents. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String key = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    all.put(key, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p)) {
                    all.put(key, Files.readString(p));
                } else {
                    all.put(key, "/");
                }
            }
        }
        return all;
    }
}
