package dev.mcpbridge.lib.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules both file adapters share: line endings in edits, where a search hit is, globs, diffs. */
class TextRulesTest {

    @Test
    void keepFindsLinesWrittenWithLfInACrlfFileAndWritesCrlf() {
        String file = "a\r\nb\r\nc\r\n";
        assertThat(LineEndings.KEEP.literal(file, "a\nb", "A\nB")).containsExactly("a\r\nb", "A\r\nB");
        assertThat(LineEndings.KEEP.literal("a\nb\n", "a\nb", "A\nB")).containsExactly("a\nb", "A\nB");
        assertThat(LineEndings.KEEP.text(file)).isEqualTo(file);
    }

    @Test
    void lfReadsEveryCrlfAsLf() {
        assertThat(LineEndings.LF.text("a\r\nb\r\n")).isEqualTo("a\nb\n");
        assertThat(LineEndings.LF.literal("a\nb\n", "a\r\nb", "x\r\ny")).containsExactly("a\nb", "x\ny");
    }

    @Test
    void aMatchIsOnTheLineItBeginsOnOncePerLine() {
        ContentSearch search = new ContentSearch(SearchPattern.compile("o", false, true, "pattern"));
        ContentSearch.Matches m = search.search("foo\nbar\nzoo\n".getBytes(StandardCharsets.UTF_8), 10, () -> false);
        assertThat(m.lines()).containsExactly(0, 2);
        assertThat(m.textLines()).containsExactly("foo", "bar", "zoo", "");
        ContentSearch spanning = new ContentSearch(SearchPattern.compile("r\\nz", true, true, "pattern"));
        assertThat(spanning.search("a\nbar\nzoo".getBytes(StandardCharsets.UTF_8), 10, () -> false).lines()).containsExactly(1);
        assertThat(search.search("bar".getBytes(StandardCharsets.UTF_8), 10, () -> false)).isNull();
    }

    @Test
    void globsMatchZeroDirectoriesAndBareNames() {
        Globs any = Globs.of(List.of("**/*.txt"));
        assertThat(any.matches(Path.of("a.txt"))).isTrue();
        assertThat(any.matches(Path.of("d/e/a.txt"))).isTrue();
        assertThat(Globs.of(List.of("a/**/b")).matches(Path.of("a/b"))).isTrue();
        assertThat(Globs.parse("file_pattern", "*.md").matchesPathOrName(Path.of("docs/x.md"))).isTrue();
        assertThat(Globs.parse("file_pattern", " ").isEmpty()).isTrue();
    }

    @Test
    void diffsMarkAMissingFinalNewlineAsGitDoes() {
        assertThat(UnifiedDiff.of("a/f", "b/f", "x\n", "y", 3))
                .isEqualTo("--- a/f\n+++ b/f\n@@ -1,1 +1,1 @@\n-x\n+y\n\\ No newline at end of file\n");
        assertThat(UnifiedDiff.of("a/f", "b/f", "same\n", "same\n", 3)).isEmpty();
    }
}
