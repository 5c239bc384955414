package dev.mcpbridge.jupyter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The notebook tools on a real Jupyter Server's contents API, with what lands on disk checked by nbformat itself. */
@SuppressWarnings("unchecked")
class NotebookToolsTest {

    private static JupyterServers servers;
    private static NotebookTools tools;
    private static Path dir;

    @BeforeAll
    static void start() {
        dir = SharedJupyter.folder("notebooks");
        servers = SharedJupyter.servers(dir, 5);
        tools = new NotebookTools(servers);
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    private static String nb(String name) {
        return "notebooks/" + name;
    }

    /** nbformat's own validator, run by Debian's Python: what a real Jupyter would say about the file. */
    private static void assertNbformatAccepts(Path file) throws Exception {
        Process p = new ProcessBuilder(SharedJupyter.PYTHON, "-c",
                "import nbformat, sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4)); print('valid')",
                file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("valid");
    }

    @Test
    void createAddUpdateMoveRemoveRead() throws Exception {
        Map<String, Object> created = tools.createNotebook(new NotebookTools.CreateArgs(nb("a.ipynb"), null));
        assertThat(created).containsEntry("kernel", "python3").containsEntry("cell_count", 0).containsEntry("success", true);
        tools.addCell(new NotebookTools.AddCellArgs(nb("a.ipynb"), "markdown", "# Title", null, null));
        tools.addCell(new NotebookTools.AddCellArgs(nb("a.ipynb"), "code", "x = 1", Map.of("tags", List.of("t")), null));
        Map<String, Object> inserted = tools.addCell(new NotebookTools.AddCellArgs(nb("a.ipynb"), "raw", "raw text", null, 0));
        assertThat(inserted).containsEntry("index", 0).containsEntry("cell_count", 3);
        tools.updateCell(new NotebookTools.UpdateCellArgs(nb("a.ipynb"), 2, "x = 2\nprint(x)"));
        tools.moveCell(new NotebookTools.MoveCellArgs(nb("a.ipynb"), 0, 2));
        Map<String, Object> list = tools.readCells(new NotebookTools.ReadCellsArgs(nb("a.ipynb"), null, null, null, null,
                null, 3));
        List<Map<String, Object>> cells = (List<Map<String, Object>>) list.get("cells");
        assertThat(cells).extracting(c -> c.get("cell_type")).containsExactly("markdown", "code", "raw");
        assertThat(cells.get(1)).containsEntry("preview", "x =...").containsEntry("full_length", 14);
        tools.removeCell(new NotebookTools.IndexArgs(nb("a.ipynb"), 2));
        Map<String, Object> read = tools.readNotebook(new NotebookTools.PathArgs(nb("a.ipynb")));
        assertThat((List<?>) read.get("cells")).hasSize(2);
        assertThat(((Map<String, Object>) read.get("file_info"))).containsEntry("cell_count", 2);
        assertThat(read.get("metadata").toString()).contains("python3");
        assertNbformatAccepts(dir.resolve("a.ipynb"));
    }

    @Test
    void readCellsModes() {
        tools.createNotebook(new NotebookTools.CreateArgs(nb("modes.ipynb"), "python3"));
        for (int i = 0; i < 4; i++) {
            tools.addCell(new NotebookTools.AddCellArgs(nb("modes.ipynb"), "code", "v = " + i, null, null));
        }
        Map<String, Object> single = tools.readCells(new NotebookTools.ReadCellsArgs(nb("modes.ipynb"), "single", 2,
                null, null, null, null));
        assertThat((Map<String, Object>) single.get("cell")).containsEntry("source", "v = 2");
        Map<String, Object> range = tools.readCells(new NotebookTools.ReadCellsArgs(nb("modes.ipynb"), "range", null, 1,
                null, null, null));
        assertThat(range).containsEntry("start_index", 1).containsEntry("end_index", 3).containsEntry("cell_count", 3);
        Map<String, Object> all = tools.readCells(new NotebookTools.ReadCellsArgs(nb("modes.ipynb"), "all", null, null,
                null, false, null));
        assertThat(all).containsEntry("cell_count", 4);
        assertThatThrownBy(() -> tools.readCells(new NotebookTools.ReadCellsArgs(nb("modes.ipynb"), "single", 9, null,
                null, null, null))).hasMessageContaining("index 9 is out of range (0-3)");
        assertThatThrownBy(() -> tools.readCells(new NotebookTools.ReadCellsArgs(nb("modes.ipynb"), "range", null, 3,
                1, null, null))).hasMessageContaining("start_index 3 is after end_index 1");
        assertThatThrownBy(() -> tools.readCells(new NotebookTools.ReadCellsArgs(nb("modes.ipynb"), "range", null, null,
                null, null, null))).hasMessageContaining("start_index is required");
        assertThatThrownBy(() -> tools.readCells(new NotebookTools.ReadCellsArgs(nb("modes.ipynb"), "sideways", null,
                null, null, null, null))).hasMessageContaining("not one of list, single, range, all");
    }

    @Test
    void writeNotebookValidatesAgainstTheNbformatSchema() throws Exception {
        Map<String, Object> good = new LinkedHashMap<>();
        good.put("nbformat", 4);
        good.put("nbformat_minor", 4);
        good.put("metadata", Map.of());
        good.put("cells", List.of(Map.of("cell_type", "code", "source", List.of("a = 1\n", "a"), "metadata", Map.of(),
                "outputs", List.of(), "execution_count", 3)));
        assertThat(tools.writeNotebook(new NotebookTools.WriteArgs(nb("w.ipynb"), good))).containsEntry("cell_count", 1);
        assertNbformatAccepts(dir.resolve("w.ipynb"));
        JsonNode onDisk = JupyterApi.JSON.readTree(dir.resolve("w.ipynb").toFile());
        assertThat(onDisk.path("cells").get(0).path("execution_count").asInt()).isEqualTo(3);

        Map<String, Object> bad = new LinkedHashMap<>(good);
        bad.put("cells", List.of(Map.of("cell_type", "code", "source", "x")));
        assertThatThrownBy(() -> tools.writeNotebook(new NotebookTools.WriteArgs(nb("bad.ipynb"), bad)))
                .hasMessageContaining("is not valid nbformat 4");
        assertThat(dir.resolve("bad.ipynb")).doesNotExist();
        assertThatThrownBy(() -> tools.writeNotebook(new NotebookTools.WriteArgs(nb("bad.ipynb"), Map.of("nbformat", 3))))
                .hasMessageContaining("only nbformat 4");
        assertThatThrownBy(() -> tools.writeNotebook(new NotebookTools.WriteArgs(nb("bad.ipynb"), null)))
                .hasMessageContaining("content is required");
        assertThatThrownBy(() -> tools.writeNotebook(new NotebookTools.WriteArgs(nb("notes.txt"), good)))
                .hasMessageContaining("must end in .ipynb");
    }

    @Test
    void writesCreateMissingFolders() throws Exception {
        tools.createNotebook(new NotebookTools.CreateArgs(nb("deep/er/c.ipynb"), null));
        assertNbformatAccepts(dir.resolve("deep/er/c.ipynb"));
    }

    @Test
    void inspectAndInfo() throws Exception {
        Files.writeString(dir.resolve("ran.ipynb"), """
                {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
                 "cells": [
                  {"id": "a1", "cell_type": "code", "metadata": {}, "source": "1/0", "execution_count": 1,
                   "outputs": [{"output_type": "error", "ename": "ZeroDivisionError", "evalue": "division by zero", "traceback": []}]},
                  {"id": "a2", "cell_type": "code", "metadata": {}, "source": "print(1)", "execution_count": 2,
                   "outputs": [{"output_type": "stream", "name": "stdout", "text": "1\\n"}]},
                  {"id": "a3", "cell_type": "markdown", "metadata": {}, "source": "text"}]}
                """);
        Map<String, Object> full = tools.inspectNotebook(new NotebookTools.InspectArgs(nb("ran.ipynb"), "full"));
        Map<String, Object> outputs = (Map<String, Object>) full.get("outputs");
        assertThat(outputs).containsEntry("code_cells", 2).containsEntry("cells_with_outputs", 2)
                .containsEntry("cells_with_errors", 1);
        assertThat((Map<String, Object>) full.get("validation")).containsEntry("valid", true);
        assertThat(((Map<String, Object>) full.get("metadata")).get("cell_types").toString()).contains("code=2", "markdown=1");

        Files.writeString(dir.resolve("invalid.ipynb"), """
                {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "metadata": {}, "source": "x"}]}
                """);
        Map<String, Object> check = tools.inspectNotebook(new NotebookTools.InspectArgs(nb("invalid.ipynb"), "validate"));
        Map<String, Object> validation = (Map<String, Object>) check.get("validation");
        assertThat(validation).containsEntry("valid", false);
        assertThat(validation.get("problems").toString()).contains("outputs");

        Map<String, Object> info = tools.getNotebookInfo(new NotebookTools.PathArgs(nb("ran.ipynb")));
        assertThat(info).containsEntry("exists", true).containsEntry("cell_count", 3);
        assertThat((Long) info.get("file_size")).isPositive();
        assertThatThrownBy(() -> tools.inspectNotebook(new NotebookTools.InspectArgs(nb("ran.ipynb"), "x")))
                .hasMessageContaining("not one of metadata, outputs, validate, full");
    }

    @Test
    void clearOutputs() {
        tools.writeNotebook(new NotebookTools.WriteArgs(nb("clear.ipynb"), Map.of("nbformat", 4, "nbformat_minor", 4,
                "metadata", Map.of(), "cells", List.of(Map.of("cell_type", "code", "source", "1", "metadata", Map.of(),
                        "execution_count", 1, "outputs", List.of(Map.of("output_type", "stream", "name", "stdout",
                                "text", "x"))), Map.of("cell_type", "markdown", "source", "m", "metadata", Map.of())))));
        assertThatThrownBy(() -> tools.clearOutputs(new NotebookTools.IndexArgs(nb("clear.ipynb"), 1)))
                .hasMessageContaining("markdown cell");
        assertThat(tools.clearOutputs(new NotebookTools.IndexArgs(nb("clear.ipynb"), null))).containsEntry("cells_cleared", 1);
        Map<String, Object> cells = tools.readCells(new NotebookTools.ReadCellsArgs(nb("clear.ipynb"), "single", 0,
                null, null, null, null));
        assertThat((Map<String, Object>) cells.get("cell")).containsEntry("execution_count", null);
    }

    @Test
    void listNotebookFiles() throws Exception {
        tools.createNotebook(new NotebookTools.CreateArgs(nb("list/top.ipynb"), null));
        tools.createNotebook(new NotebookTools.CreateArgs(nb("list/sub/inner.ipynb"), null));
        Files.writeString(dir.resolve("list/readme.txt"), "not a notebook");
        Map<String, Object> flat = tools.listNotebookFiles(new NotebookTools.ListArgs(nb("list"), null));
        assertThat(flat).containsEntry("count", 1);
        Map<String, Object> deep = tools.listNotebookFiles(new NotebookTools.ListArgs(nb("list"), true));
        assertThat(deep.get("notebooks").toString()).contains("notebooks/list/top.ipynb", "notebooks/list/sub/inner.ipynb");
        assertThatThrownBy(() -> tools.listNotebookFiles(new NotebookTools.ListArgs(nb("nowhere"), false)))
                .hasMessageContaining("does not exist");
    }

    @Test
    void documentedErrors() {
        tools.createNotebook(new NotebookTools.CreateArgs(nb("exists.ipynb"), null));
        assertThatThrownBy(() -> tools.createNotebook(new NotebookTools.CreateArgs(nb("exists.ipynb"), null)))
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> tools.createNotebook(new NotebookTools.CreateArgs(nb("k.ipynb"), "cobol")))
                .hasMessageContaining("no kernel named 'cobol'");
        assertThatThrownBy(() -> tools.readNotebook(new NotebookTools.PathArgs(nb("missing.ipynb"))))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> tools.addCell(new NotebookTools.AddCellArgs(nb("exists.ipynb"), "html", "x", null, null)))
                .hasMessageContaining("not one of code, markdown, raw");
        assertThatThrownBy(() -> tools.addCell(new NotebookTools.AddCellArgs(nb("exists.ipynb"), "code", "x", null, 5)))
                .hasMessageContaining("index 5 is out of range");
        assertThatThrownBy(() -> tools.removeCell(new NotebookTools.IndexArgs(nb("exists.ipynb"), 0)))
                .hasMessageContaining("the notebook has no cells");
        assertThatThrownBy(() -> tools.updateCell(new NotebookTools.UpdateCellArgs(nb("exists.ipynb"), -1, "x")))
                .hasMessageContaining("out of range");
    }

    @Test
    void anUnreadableFileIsReportedAsSuch() throws Exception {
        Files.writeString(dir.resolve("broken.ipynb"), "{ not json");
        assertThatThrownBy(() -> tools.readNotebook(new NotebookTools.PathArgs(nb("broken.ipynb"))))
                .hasMessageContaining("not a readable notebook");
    }
}
