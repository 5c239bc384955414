package dev.mcpbridge.quickfiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.lib.files.Fifos;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A FIFO among the files: every reading tool refuses it without opening it (an open would block). */
class SpecialFilesTest {

    @TempDir
    Path dir;
    QuickFilesFixture qf;
    Path fifo;
    Path fifoMd;

    @BeforeEach
    void setUp() throws Exception {
        qf = new QuickFilesFixture(dir);
        fifo = Fifos.make(dir.resolve("pipe.txt"));
        fifoMd = Fifos.make(dir.resolve("pipe.md"));
        qf.write("ok.txt", "fine\n");
    }

    @Test
    void readMultipleFilesRefusesTheFifoAndReadsTheRest() throws Exception {
        TextResult r = Fifos.answers(fifo, () -> qf.call("read_multiple_files",
                Map.of("paths", List.of("pipe.txt", "ok.txt"))));
        assertThat(r.text()).contains("--- pipe.txt ---\nERROR: 'pipe.txt' could not be read (a special file (FIFO, "
                + "socket or device), not a regular file; not opened)").contains("1 | fine");
    }

    @Test
    void extractMarkdownStructureRefusesTheFifo() throws Exception {
        TextResult r = Fifos.answers(fifoMd, () -> qf.call("extract_markdown_structure",
                Map.of("paths", List.of("pipe.md"))));
        assertThat(r.error()).isTrue();
        assertThat(r.text()).contains("a special file (FIFO, socket or device)");
    }

    @Test
    void editAndReplaceRefuseTheFifo() throws Exception {
        TextResult edit = Fifos.answers(fifo, () -> qf.call("edit_multiple_files", Map.of("files", List.of(
                Map.of("path", "pipe.txt", "diffs", List.of(Map.of("search", "a", "replace", "b")))))));
        assertThat(edit.error()).isTrue();
        TextResult replace = Fifos.answers(fifo, () -> qf.call("search_and_replace", Map.of("replace", "b", "files", List.of(
                Map.of("path", "pipe.txt", "search", "a", "replace", "b")))));
        assertThat(replace.error()).isTrue();
    }

    @Test
    void searchSkipsTheFifo() throws Exception {
        TextResult r = Fifos.answers(fifo, () -> qf.call("search_in_files",
                Map.of("paths", List.of("."), "pattern", "fine")));
        assertThat(r.text()).contains("ok.txt").doesNotContain("pipe.txt (");
    }
}
