package dev.mcpbridge.quickfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadAndListTest {

    @TempDir
    Path dir;
    QuickFilesFixture qf;

    @BeforeEach
    void setUp() {
        qf = new QuickFilesFixture(dir);
    }

    @Test
    void readsSeveralFilesWithLineNumbers() throws Exception {
        qf.write("a.txt", "one\n\nthree\n");
        qf.write("b.txt", "bee");
        String text = qf.ok("read_multiple_files", Map.of("paths", List.of("a.txt", qf.abs("b.txt"))));
        assertThat(text).isEqualTo("--- a.txt ---\n1 | one\n2 | \n3 | three\n\n--- " + qf.abs("b.txt")
                + " ---\n1 | bee");
    }

    @Test
    void readsWithoutLineNumbersAndShowsEmptyFiles() throws Exception {
        qf.write("a.txt", "x\ny\n");
        qf.write("empty.txt", "");
        assertThat(qf.ok("read_multiple_files", Map.of("paths", List.of("a.txt", "empty.txt"),
                "show_line_numbers", false))).isEqualTo("--- a.txt ---\nx\ny\n\n--- empty.txt ---\n(empty)");
    }

    @Test
    void excerptsKeepTheFilesOwnLineNumbers() throws Exception {
        qf.write("a.txt", "1\n2\n\n4\n5\n6\n7\n");
        String text = qf.ok("read_multiple_files", Map.of("paths", List.of(Map.of("path", "a.txt", "excerpts",
                List.of(Map.of("start", 2, "end", 3), Map.of("start", 6, "end", 6))))));
        assertThat(text).isEqualTo("--- a.txt ---\n2 | 2\n3 | \n...\n6 | 6");
    }

    @Test
    void badExcerptsAreThatFilesError() throws Exception {
        qf.write("a.txt", "1\n2\n");
        qf.write("b.txt", "b\n");
        TextResult r = qf.call("read_multiple_files", Map.of("paths", List.of(
                Map.of("path", "a.txt", "excerpts", List.of(Map.of("start", 3, "end", 2))), "b.txt")));
        assertThat(r.error()).isFalse();
        assertThat(r.text()).contains("--- a.txt ---\nERROR: excerpt end (2) must not be before its start (3)")
                .contains("--- b.txt ---\n1 | b");
    }

    /** Regression: the original answered "limité à 100 caractères" instead of the content when the cap was 100. */
    @Test
    void aCapOfOneHundredCharactersReturnsTheFirstHundredCharacters() throws Exception {
        qf.write("long.txt", "x".repeat(150) + "\n");
        String text = qf.ok("read_multiple_files", Map.of("paths", List.of("long.txt"), "max_chars_per_file", 100,
                "show_line_numbers", false));
        assertThat(text).isEqualTo("--- long.txt ---\n" + "x".repeat(100)
                + "\n\n(additional lines not shown: max_chars_per_file 100 reached)");
    }

    @Test
    void lineCapsPerFileAndInTotal() throws Exception {
        qf.write("a.txt", "1\n2\n3\n4\n");
        qf.write("b.txt", "1\n2\n");
        qf.write("c.txt", "1\n");
        String text = qf.ok("read_multiple_files", Map.of("paths", List.of("a.txt", "b.txt", "c.txt"),
                "max_lines_per_file", 3, "max_total_lines", 4));
        assertThat(text).isEqualTo("--- a.txt ---\n1 | 1\n2 | 2\n3 | 3\n\n(additional lines not shown: "
                + "max_lines_per_file 3 reached)\n\n--- b.txt ---\n1 | 1\n\n(additional lines not shown: max_total_lines 4 "
                + "reached)\n\n--- c.txt ---\nSKIPPED: the total limit (max_total_lines 4, max_total_chars 400000) was "
                + "reached before this file");
    }

    @Test
    void missingFilesAndDirectoriesAreReportedPerItemAndAllFailingIsAnError() throws Exception {
        Files.createDirectory(dir.resolve("sub"));
        TextResult r = qf.call("read_multiple_files", Map.of("paths", List.of("nope.txt", "sub")));
        assertThat(r.error()).isTrue();
        assertThat(r.text()).contains("--- nope.txt ---\nERROR: 'nope.txt' does not exist")
                .contains("--- sub ---\nERROR: 'sub' is a directory");
    }

    @Test
    void binaryFilesAreNotDumped() throws Exception {
        Files.write(dir.resolve("b.bin"), new byte[] {1, 0, 2});
        assertThat(qf.ok("read_multiple_files", Map.of("paths", List.of("b.bin"))))
                .isEqualTo("--- b.bin ---\n(binary file, not shown)");
    }

    @Test
    void noPathsIsAClearError() {
        assertThatThrownBy(() -> qf.call("read_multiple_files", Map.of("paths", List.of())))
                .isInstanceOf(ToolException.class).hasMessageContaining("paths must list at least one file");
        assertThatThrownBy(() -> qf.call("read_multiple_files", Map.of("paths", List.of("a"), "max_total_lines", 0)))
                .isInstanceOf(ToolException.class).hasMessageContaining("max_total_lines must be 1 or more");
    }

    @Test
    void listsADirectoryAsATable() throws Exception {
        qf.write("d/b.txt", "1\n2\n");
        qf.write("d/a.md", "x");
        Files.createDirectory(dir.resolve("d/sub"));
        qf.write("d/sub/deep.txt", "deep\n");
        for (String f : List.of("d/b.txt", "d/a.md", "d/sub", "d/sub/deep.txt")) {
            Files.setLastModifiedTime(dir.resolve(f), FileTime.fromMillis(1_700_000_000_000L));
        }
        String text = qf.ok("list_directory_contents", Map.of("paths", List.of("d")));
        assertThat(text).isEqualTo("## Contents of: d\n\n| Type | Name | Size | Modified | Lines |\n|---|---|---|---|---|\n"
                + "| 📄 | d/a.md | 0.00 KB | 2023-11-14 | 1 |\n| 📄 | d/b.txt | 0.00 KB | 2023-11-14 | 2 |\n"
                + "| 📁 | d/sub |  | 2023-11-14 |  |\n\n");
        String recursive = qf.ok("list_directory_contents", Map.of("paths", List.of(Map.of("path", "d",
                "recursive", true, "file_pattern", "*.txt", "sort_by", "name", "sort_order", "desc"))));
        assertThat(recursive).contains("| 📄 | d/sub/deep.txt |").doesNotContain("a.md");
        assertThat(recursive.indexOf("d/sub/deep.txt")).isLessThan(recursive.indexOf("d/b.txt"));
    }

    @Test
    void sortsBySizeAndRespectsDepthAndLineBudget() throws Exception {
        qf.write("d/big.txt", "x".repeat(5000));
        qf.write("d/small.txt", "x");
        qf.write("d/s1/s2/deeper.txt", "x");
        String bySize = qf.ok("list_directory_contents", Map.of("paths", List.of("d"), "sort_by", "size",
                "file_pattern", "*.txt"));
        assertThat(bySize.indexOf("small.txt")).isLessThan(bySize.indexOf("big.txt"));
        String depth = qf.ok("list_directory_contents", Map.of("paths", List.of("d"), "recursive", true,
                "max_depth", 2));
        assertThat(depth).contains("d/s1/s2 |").doesNotContain("deeper.txt");
        String cut = qf.ok("list_directory_contents", Map.of("paths", List.of("d"), "max_lines", 5));
        assertThat(cut).contains("| ... | ... | ... | ... | ... |")
                .contains("(additional lines not shown: max_lines 5 reached)");
    }

    @Test
    void listingErrors() throws Exception {
        qf.write("f.txt", "x");
        TextResult r = qf.call("list_directory_contents", Map.of("paths", List.of("nope", "f.txt")));
        assertThat(r.error()).isTrue();
        assertThat(r.text()).contains("ERROR: 'nope' does not exist").contains("ERROR: 'f.txt' is not a directory");
        assertThatThrownBy(() -> qf.call("list_directory_contents", Map.of("paths", List.of("."), "sort_by", "colour")))
                .hasMessageContaining("sort_by must be name, size or modified");
    }
}
