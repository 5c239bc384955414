package dev.mcpbridge.quickfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** search_and_replace and search_in_files. */
class SearchTest {

    @TempDir
    Path dir;
    QuickFilesFixture qf;

    @BeforeEach
    void setUp() {
        qf = new QuickFilesFixture(dir);
    }

    private static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void replacesAcrossADirectoryCaseInsensitiveRegexByDefault() throws Exception {
        qf.write("src/a.js", "var Foo = 1;\nvar foo = 2;\n");
        qf.write("src/sub/b.js", "FOO();\n");
        qf.write("src/c.txt", "foo\n");
        String text = qf.ok("search_and_replace", args("search", "f(o+)", "replace", "b$1", "paths", List.of("src"),
                "file_pattern", "*.js"));
        assertThat(text).startsWith("# Changes made\n\nTotal replacements: 3 in 2 file(s)\n\n")
                .contains("- ✓ src/a.js: 2 replacement(s)").contains("- ✓ src/sub/b.js: 1 replacement(s)");
        assertThat(qf.read("src/a.js")).isEqualTo("var boo = 1;\nvar boo = 2;\n");
        assertThat(qf.read("src/sub/b.js")).isEqualTo("bOO();\n");
        assertThat(qf.read("src/c.txt")).isEqualTo("foo\n");
    }

    /** Regression: an empty replacement was taken as missing, so text could not be deleted. */
    @Test
    void anEmptyReplacementDeletes() throws Exception {
        qf.write("a.txt", "keep DEBUG keep DEBUG\n");
        qf.ok("search_and_replace", args("search", " DEBUG", "replace", "", "paths", List.of("a.txt"),
                "use_regex", false, "case_sensitive", true));
        assertThat(qf.read("a.txt")).isEqualTo("keep keep\n");
    }

    /** Regression: the preview was a placeholder string. */
    @Test
    void previewReturnsARealUnifiedDiffAndWritesNothing() throws Exception {
        qf.write("a.txt", "one\ntwo\nthree\n");
        String text = qf.ok("search_and_replace", args("search", "two", "replace", "2", "paths", List.of("a.txt"),
                "preview", true));
        assertThat(text).startsWith("# Preview of changes (nothing written)\n\nTotal replacements: 1 in 1 file(s) "
                + "(would be made)").contains("```diff\n--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n```");
        assertThat(qf.read("a.txt")).isEqualTo("one\ntwo\nthree\n");
    }

    @Test
    void perFileSearchesWithTheirOwnGuard() throws Exception {
        qf.write("a.txt", "aaa\n");
        qf.write("b.txt", "bbb\n");
        TextResult r = qf.call("search_and_replace", args("search", "ignored", "replace", "ignored", "files", List.of(
                Map.of("path", "a.txt", "search", "a", "replace", "x", "expected_replacements", 3),
                Map.of("path", "b.txt", "search", "b", "replace", "y", "expected_replacements", 1),
                Map.of("path", "c.txt", "search", "c", "replace", "z"))));
        assertThat(r.error()).isFalse();
        assertThat(r.text()).contains("- ✓ a.txt: 3 replacement(s)")
                .contains("- ✗ b.txt: ERROR: expected 1 replacement(s) but the search matches 3 time(s)")
                .contains("- ✗ c.txt: ERROR: 'c.txt' does not exist");
        assertThat(qf.read("a.txt")).isEqualTo("xxx\n");
        assertThat(qf.read("b.txt")).isEqualTo("bbb\n");
    }

    @Test
    void namedGroupsAndMultilineAnchors() throws Exception {
        qf.write("a.txt", "import a\nx import b\nimport c\n");
        qf.ok("search_and_replace", args("search", "^import (?<m>\\w)", "replace", "use $<m>", "paths",
                List.of("a.txt")));
        assertThat(qf.read("a.txt")).isEqualTo("use a\nx import b\nuse c\n");
    }

    @Test
    void binaryFilesAreSkippedWithANote() throws Exception {
        Files.write(dir.resolve("b.bin"), new byte[] {'f', 'o', 'o', 0});
        qf.write("a.txt", "foo\n");
        String text = qf.ok("search_and_replace", args("search", "foo", "replace", "bar", "paths", List.of(".")));
        assertThat(text).contains("- ./b.bin: skipped (binary file)").contains("- ✓ ./a.txt: 1 replacement(s)");
        assertThat(Files.readAllBytes(dir.resolve("b.bin"))).isEqualTo(new byte[] {'f', 'o', 'o', 0});
    }

    @Test
    void replaceArgumentErrors() {
        assertThatThrownBy(() -> qf.call("search_and_replace", args("search", "x", "paths", List.of("."))))
                .isInstanceOf(ToolException.class).hasMessageContaining("replace is required");
        assertThatThrownBy(() -> qf.call("search_and_replace", args("search", "x", "replace", "y")))
                .hasMessageContaining("give the files to change");
        assertThatThrownBy(() -> qf.call("search_and_replace", args("search", "[", "replace", "y",
                "paths", List.of(".")))).hasMessageContaining("search is not a valid regular expression");
        assertThatThrownBy(() -> qf.call("search_and_replace", args("search", "", "replace", "y",
                "paths", List.of(".")))).hasMessageContaining("search must not be empty");
    }

    @Test
    void nonRecursiveReplaceStaysInTheTopDirectory() throws Exception {
        qf.write("top.txt", "x\n");
        qf.write("sub/deep.txt", "x\n");
        qf.ok("search_and_replace", args("search", "x", "replace", "y", "paths", List.of("."), "recursive", false));
        assertThat(qf.read("top.txt")).isEqualTo("y\n");
        assertThat(qf.read("sub/deep.txt")).isEqualTo("x\n");
    }

    @Test
    void searchesWithContextInTheOriginalsLayout() throws Exception {
        qf.write("src/a.txt", "l1\nl2\nneedle here\nl4\nl5\nl6\n");
        qf.write("src/b.txt", "nothing\n");
        String text = qf.ok("search_in_files", args("paths", List.of("src"), "pattern", "NEEDLE"));
        assertThat(text).isEqualTo("# Search results for: \"NEEDLE\"\n\n**1 file(s) with matches**\n\n"
                + "## src/a.txt\n1 match(es)\n\n**Line 3**:\n```\nl1\nl2\nneedle here\nl4\nl5\n```\n\n");
    }

    @Test
    void searchLimitsCaseAndLiteralMode() throws Exception {
        qf.write("a.txt", "a.c\nabc\na.c\nA.C\n");
        String literal = qf.ok("search_in_files", args("paths", List.of("a.txt"), "pattern", "a.c", "use_regex", false,
                "case_sensitive", true, "context_lines", 0));
        assertThat(literal).contains("2 match(es)").contains("**Line 1**").contains("**Line 3**")
                .doesNotContain("**Line 2**").doesNotContain("**Line 4**");
        String limited = qf.ok("search_in_files", args("paths", List.of("a.txt"), "pattern", "a", "context_lines", 0,
                "max_total_results", 2));
        assertThat(limited).contains("2 match(es)").contains("(result limit reached: max_total_results 2)");
        String perFile = qf.ok("search_in_files", args("paths", List.of("a.txt"), "pattern", "c",
                "max_results_per_file", 1));
        assertThat(perFile).contains("1 match(es)");
    }

    @Test
    void searchSkipsBinaryFilesWithANoteAndReportsBadPaths() throws Exception {
        Files.write(dir.resolve("b.bin"), new byte[] {'x', 0});
        qf.write("a.txt", "x\n");
        String text = qf.ok("search_in_files", args("paths", List.of(".", "nope"), "pattern", "x"));
        assertThat(text).contains("## ./a.txt").contains("Skipped 1 file(s): ./b.bin (binary file)")
                .contains("ERROR: 'nope' does not exist");
        TextResult none = qf.call("search_in_files", args("paths", List.of("nope"), "pattern", "x"));
        assertThat(none.error()).isTrue();
        assertThatThrownBy(() -> qf.call("search_in_files", args("paths", List.of("."), "pattern", "(")))
                .hasMessageContaining("pattern is not a valid regular expression");
    }

    @Test
    void searchFindsNonAsciiCaseFoldsAndLatin1Text() throws Exception {
        qf.write("kelvin.txt", "temperature 300 \u212A\n");
        Files.write(dir.resolve("latin.txt"), "na\u00efve\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(qf.ok("search_in_files", args("paths", List.of("."), "pattern", "300 k"))).contains("kelvin.txt");
        assertThat(qf.ok("search_in_files", args("paths", List.of("."), "pattern", "NA\u00cfVE"))).contains("latin.txt");
    }

    @Test
    void searchReportsCrlfLinesWithoutTheirCarriageReturn() throws Exception {
        Files.writeString(dir.resolve("w.txt"), "a\r\nfind\r\nb\r\n");
        assertThat(qf.ok("search_in_files", args("paths", List.of("w.txt"), "pattern", "find$", "context_lines", 1)))
                .contains("```\na\nfind\nb\n```");
    }
}
