package dev.mcpbridge.quickfiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.core.spi.TextResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditMultipleFilesTest {

    @TempDir
    Path dir;
    QuickFilesFixture qf;

    @BeforeEach
    void setUp() {
        qf = new QuickFilesFixture(dir);
    }

    private static Map<String, Object> diff(String search, String replace, Object... more) {
        Map<String, Object> d = new HashMap<>(Map.of("search", search, "replace", replace));
        for (int i = 0; i < more.length; i += 2) {
            d.put((String) more[i], more[i + 1]);
        }
        return d;
    }

    private TextResult edit(String path, Map<String, Object>... diffs) {
        return qf.call("edit_multiple_files", Map.of("files", List.of(Map.of("path", path, "diffs", List.of(diffs)))));
    }

    @Test
    void replacesEveryOccurrenceAndReports() throws Exception {
        qf.write("a.txt", "foo bar foo\n");
        TextResult r = edit("a.txt", diff("foo", "baz"));
        assertThat(r.error()).isFalse();
        assertThat(r.text()).isEqualTo("## File edit report\n\nModified file: a.txt: 2 modification(s) made.\n");
        assertThat(qf.read("a.txt")).isEqualTo("baz bar baz\n");
    }

    /** Regression: the original rewrote the file with every blank line removed. */
    @Test
    void blankLinesSurviveAnEdit() throws Exception {
        qf.write("a.txt", "one\n\n\ntwo\n\nthree\n");
        edit("a.txt", diff("two", "2"));
        assertThat(qf.read("a.txt")).isEqualTo("one\n\n\n2\n\nthree\n");
    }

    /** Regression: start_line was counted on the text with blank lines collapsed. */
    @Test
    void startLineCountsBlankLines() throws Exception {
        qf.write("a.txt", "x\n\n\nx\nx\n");
        edit("a.txt", diff("x", "Y", "start_line", 4));
        assertThat(qf.read("a.txt")).isEqualTo("x\n\n\nY\nx\n");
        TextResult r = edit("a.txt", diff("x", "Z", "start_line", 2));
        assertThat(r.error()).isTrue();
        assertThat(r.text()).contains("not found").contains("(at line 2)");
        TextResult past = edit("a.txt", diff("x", "Z", "start_line", 40));
        assertThat(past.text()).contains("start_line 40 is past the end of the file");
    }

    @Test
    void crlfAndTheFinalNewlineAreKept() throws Exception {
        Files.writeString(dir.resolve("w.txt"), "alpha\r\nbeta\r\n\r\ngamma");
        edit("w.txt", diff("beta", "BETA"));
        assertThat(Files.readString(dir.resolve("w.txt"))).isEqualTo("alpha\r\nBETA\r\n\r\ngamma");
    }

    @Test
    void aMultiLineSearchWrittenWithLfMatchesACrlfFile() throws Exception {
        Files.writeString(dir.resolve("w.txt"), "a\r\nb\r\nc\r\n");
        TextResult r = edit("w.txt", diff("a\nb", "A\nB"));
        assertThat(r.error()).as(r.text()).isFalse();
        assertThat(Files.readString(dir.resolve("w.txt"))).isEqualTo("A\r\nB\r\nc\r\n");
    }

    @Test
    void encodingAndModeAreKept() throws Exception {
        byte[] latin1 = "caf\u00e9 cr\u00e8me\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("l.txt"), latin1);
        Files.setPosixFilePermissions(dir.resolve("l.txt"), PosixFilePermissions.fromString("rwxr-x---"));
        edit("l.txt", diff("cr", "CR"));
        assertThat(Files.readAllBytes(dir.resolve("l.txt")))
                .isEqualTo("caf\u00e9 CR\u00e8me\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("l.txt"))))
                .isEqualTo("rwxr-x---");

        byte[] utf16 = "\uFEFFhello\n".getBytes(StandardCharsets.UTF_16LE);
        Files.write(dir.resolve("u.txt"), utf16);
        edit("u.txt", diff("hello", "bye"));
        assertThat(Files.readAllBytes(dir.resolve("u.txt"))).isEqualTo("\uFEFFbye\n".getBytes(StandardCharsets.UTF_16LE));

        Files.write(dir.resolve("bom.txt"), "\uFEFFx y\n".getBytes(StandardCharsets.UTF_8));
        edit("bom.txt", diff("y", "z"));
        assertThat(Files.readAllBytes(dir.resolve("bom.txt"))).isEqualTo("\uFEFFx z\n".getBytes(StandardCharsets.UTF_8));
    }

    /** Regression: in regex mode the original never expanded capture groups. */
    @Test
    void regexDiffsExpandGroups() throws Exception {
        qf.write("a.txt", "let x = 1;\nlet y = 2;\n");
        edit("a.txt", diff("let (\\w+) = (\\d+);", "const $1 = $2; // was $&", "use_regex", true));
        assertThat(qf.read("a.txt")).isEqualTo("const x = 1; // was let x = 1;\nconst y = 2; // was let y = 2;\n");
    }

    @Test
    void literalDiffsTakeRegexCharactersAndDollarsLiterally() throws Exception {
        qf.write("a.txt", "price (a+b) * 2\n");
        edit("a.txt", diff("(a+b)", "$1 $&"));
        assertThat(qf.read("a.txt")).isEqualTo("price $1 $& * 2\n");
    }

    @Test
    void expectedReplacementsGuardsTheEdit() throws Exception {
        qf.write("a.txt", "x x x\n");
        TextResult r = edit("a.txt", diff("x", "y", "expected_replacements", 1));
        assertThat(r.error()).isTrue();
        assertThat(r.text()).contains("expected 1 replacement(s) but the search matches 3 time(s)");
        assertThat(qf.read("a.txt")).isEqualTo("x x x\n");
        assertThat(edit("a.txt", diff("x", "y", "expected_replacements", 3)).error()).isFalse();
        assertThat(qf.read("a.txt")).isEqualTo("y y y\n");
    }

    @Test
    void aFailingDiffLeavesItsFileUntouchedAndTheOtherFilesDone() throws Exception {
        qf.write("a.txt", "one two\n");
        qf.write("b.txt", "three\n");
        TextResult r = qf.call("edit_multiple_files", Map.of("files", List.of(
                Map.of("path", "a.txt", "diffs", List.of(diff("one", "1"), diff("missing", "x"))),
                Map.of("path", "b.txt", "diffs", List.of(diff("three", "3"))),
                Map.of("path", "nope.txt", "diffs", List.of(diff("a", "b"))))));
        assertThat(r.error()).isFalse();
        assertThat(r.text()).contains("Edit failed: a.txt: diff 2: the text to search for was not found: \"missing\"")
                .contains("Modified file: b.txt: 1 modification(s) made.")
                .contains("Edit failed: nope.txt: 'nope.txt' does not exist");
        assertThat(qf.read("a.txt")).isEqualTo("one two\n");
        assertThat(qf.read("b.txt")).isEqualTo("3\n");
    }

    @Test
    void invalidRegexIsAClearError() throws Exception {
        qf.write("a.txt", "x\n");
        TextResult r = edit("a.txt", diff("(unclosed", "y", "use_regex", true));
        assertThat(r.error()).isTrue();
        assertThat(r.text()).contains("search is not a valid regular expression").contains("(unclosed");
    }

    @Test
    void binaryAndOversizedFilesAreRefused() throws Exception {
        Files.write(dir.resolve("b.bin"), new byte[] {'x', 0, 'y'});
        assertThat(edit("b.bin", diff("x", "z")).text()).contains("is a binary file");
        QuickFilesTools small = new QuickFilesTools(new QuickFilesSettings(dir.toString(), QuickFilesSettings.Roots.add, "false", 4), QuickFilesFixture.NO_RESTARTS);
        qf.write("big.txt", "0123456789");
        TextResult r = small.editMultipleFiles(QuickFilesFixture.as(Map.of("files", List.of(Map.of("path", "big.txt",
                "diffs", List.of(diff("0", "1"))))), QuickFilesArguments.EditMultipleFiles.class), null);
        assertThat(r.text()).contains("more than the 4 bytes a file may have");
        assertThat(qf.read("big.txt")).isEqualTo("0123456789");
    }

    @Test
    void noTemporaryFilesAreLeftBehind() throws Exception {
        qf.write("a.txt", "a\n");
        edit("a.txt", diff("a", "b"));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("a.txt");
        }
    }
}
