package dev.mcpbridge.jupyter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpbridge.core.spi.ToolException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The notebook tools: read, write, create and edit notebooks and their cells, inspect and list them. */
public final class NotebookTools {

    public record PathArgs(String path) {
    }

    public record WriteArgs(String path, Map<String, Object> content) {
    }

    public record CreateArgs(String path, String kernel) {
    }

    public record AddCellArgs(String path, String cellType, String source, Map<String, Object> metadata, Integer index) {
    }

    public record IndexArgs(String path, Integer index) {
    }

    public record UpdateCellArgs(String path, Integer index, String source) {
    }

    public record MoveCellArgs(String path, Integer from, Integer to) {
    }

    public record ReadCellsArgs(String path, String mode, Integer index, Integer startIndex, Integer endIndex,
            Boolean includePreview, Integer previewLength) {
    }

    public record InspectArgs(String path, String mode) {
    }

    public record ListArgs(String directory, Boolean recursive) {
    }

    private final JupyterServers servers;

    public NotebookTools(JupyterServers servers) {
        this.servers = servers;
    }

    private NotebookStore store() {
        return servers.connection().store();
    }

    public Map<String, Object> readNotebook(PathArgs a) {
        NotebookStore.Loaded nb = store().read(a.path());
        Map<String, Object> result = new LinkedHashMap<>(JupyterApi.JSON.convertValue(nb.notebook(), Map.class));
        result.put("file_info", fileInfo(nb));
        return result;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> writeNotebook(WriteArgs a) {
        if (a.content() == null) {
            throw new ToolException("content is required: the notebook as nbformat 4 JSON (nbformat, nbformat_minor, "
                    + "metadata, cells)");
        }
        ObjectNode notebook = JupyterApi.JSON.valueToTree(a.content());
        normaliseSources(notebook);
        NotebookStore.Loaded saved = store().write(a.path(), notebook);
        return ok(saved, Map.of());
    }

    public Map<String, Object> createNotebook(CreateArgs a) {
        String kernel = a.kernel() == null || a.kernel().isBlank() ? "python3" : a.kernel().strip();
        NotebookStore store = store();
        if (store.exists(a.path())) {
            throw new ToolException("'" + a.path() + "' already exists; write_notebook replaces a notebook");
        }
        JsonNode specs = servers.connection().api().kernelSpecs().path("kernelspecs");
        JsonNode spec = specs.path(kernel).path("spec");
        if (!specs.has(kernel)) {
            List<String> known = new ArrayList<>();
            specs.fieldNames().forEachRemaining(known::add);
            throw new ToolException("there is no kernel named '" + kernel + "' on the Jupyter server (available: "
                    + String.join(", ", known) + ")");
        }
        ObjectNode notebook = Notebooks.newNotebook(kernel, spec.path("display_name").asText(kernel),
                spec.path("language").asText(null));
        NotebookStore.Loaded saved = store.write(a.path(), notebook);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("kernel", kernel);
        return ok(saved, extra);
    }

    public Map<String, Object> addCell(AddCellArgs a) {
        NotebookStore.Loaded nb = store().read(a.path());
        ArrayNode cells = Notebooks.cells(nb.notebook());
        int at = a.index() == null ? cells.size() : a.index();
        if (at < 0 || at > cells.size()) {
            throw new ToolException("index " + at + " is out of range (0-" + cells.size() + " to insert)");
        }
        cells.insert(at, Notebooks.newCell(a.cellType() == null ? "" : a.cellType(), a.source(),
                a.metadata() == null ? null : JupyterApi.JSON.valueToTree(a.metadata()),
                Notebooks.wantsIds(nb.notebook())));
        NotebookStore.Loaded saved = store().write(a.path(), nb.notebook());
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("cell_type", a.cellType());
        extra.put("index", at);
        return ok(saved, extra);
    }

    public Map<String, Object> removeCell(IndexArgs a) {
        NotebookStore.Loaded nb = store().read(a.path());
        ArrayNode cells = Notebooks.cells(nb.notebook());
        int index = Notebooks.checkIndex("index", a.index(), cells.size());
        cells.remove(index);
        return ok(store().write(a.path(), nb.notebook()), Map.of("removed_index", index));
    }

    public Map<String, Object> updateCell(UpdateCellArgs a) {
        if (a.source() == null) {
            throw new ToolException("source is required");
        }
        NotebookStore.Loaded nb = store().read(a.path());
        ArrayNode cells = Notebooks.cells(nb.notebook());
        int index = Notebooks.checkIndex("index", a.index(), cells.size());
        ((ObjectNode) cells.get(index)).put("source", a.source());
        return ok(store().write(a.path(), nb.notebook()), Map.of("updated_index", index));
    }

    public Map<String, Object> moveCell(MoveCellArgs a) {
        NotebookStore.Loaded nb = store().read(a.path());
        ArrayNode cells = Notebooks.cells(nb.notebook());
        int from = Notebooks.checkIndex("from", a.from(), cells.size());
        int to = Notebooks.checkIndex("to", a.to(), cells.size());
        JsonNode cell = cells.remove(from);
        cells.insert(to, cell);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("from", from);
        extra.put("to", to);
        return ok(store().write(a.path(), nb.notebook()), extra);
    }

    public Map<String, Object> clearOutputs(IndexArgs a) {
        NotebookStore.Loaded nb = store().read(a.path());
        ArrayNode cells = Notebooks.cells(nb.notebook());
        List<Integer> targets = new ArrayList<>();
        if (a.index() != null) {
            targets.add(Notebooks.checkIndex("index", a.index(), cells.size()));
        } else {
            for (int i = 0; i < cells.size(); i++) {
                targets.add(i);
            }
        }
        int cleared = 0;
        for (int i : targets) {
            ObjectNode cell = (ObjectNode) cells.get(i);
            if ("code".equals(cell.path("cell_type").asText())) {
                cell.putArray("outputs");
                cell.putNull("execution_count");
                cleared++;
            } else if (a.index() != null) {
                throw new ToolException("cell " + i + " is a " + cell.path("cell_type").asText()
                        + " cell; only code cells have outputs");
            }
        }
        return ok(store().write(a.path(), nb.notebook()), Map.of("cells_cleared", cleared));
    }

    public Map<String, Object> readCells(ReadCellsArgs a) {
        String mode = a.mode() == null || a.mode().isBlank() ? "list" : a.mode();
        NotebookStore.Loaded nb = store().read(a.path());
        ArrayNode cells = Notebooks.cells(nb.notebook());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("path", nb.path());
        result.put("mode", mode);
        switch (mode) {
            case "single" -> {
                int index = Notebooks.checkIndex("index", a.index(), cells.size());
                result.put("index", index);
                result.put("cell", fullCell(cells.get(index), index));
            }
            case "range" -> {
                if (a.startIndex() == null) {
                    throw new ToolException("start_index is required for mode=range");
                }
                int start = Notebooks.checkIndex("start_index", a.startIndex(), cells.size());
                int end = a.endIndex() == null ? cells.size() - 1 : Notebooks.checkIndex("end_index", a.endIndex(), cells.size());
                if (start > end) {
                    throw new ToolException("start_index " + start + " is after end_index " + end);
                }
                List<Map<String, Object>> list = new ArrayList<>();
                for (int i = start; i <= end; i++) {
                    list.add(fullCell(cells.get(i), i));
                }
                result.put("cells", list);
                result.put("start_index", start);
                result.put("end_index", end);
                result.put("cell_count", list.size());
            }
            case "list" -> {
                boolean preview = a.includePreview() == null || a.includePreview();
                int length = a.previewLength() == null ? 100 : a.previewLength();
                if (length < 0) {
                    throw new ToolException("preview_length must be 0 or more, not " + length);
                }
                List<Map<String, Object>> list = new ArrayList<>();
                for (int i = 0; i < cells.size(); i++) {
                    JsonNode cell = cells.get(i);
                    String source = Notebooks.source(cell);
                    Map<String, Object> info = new LinkedHashMap<>();
                    info.put("index", i);
                    info.put("cell_type", cell.path("cell_type").asText());
                    info.put("full_length", source.length());
                    if (preview) {
                        info.put("preview", source.length() > length ? source.substring(0, length) + "..." : source);
                    }
                    if ("code".equals(cell.path("cell_type").asText())) {
                        info.put("execution_count", count(cell));
                        info.put("has_outputs", cell.path("outputs").size() > 0);
                    }
                    list.add(info);
                }
                result.put("cells", list);
                result.put("cell_count", list.size());
            }
            case "all" -> {
                List<Map<String, Object>> list = new ArrayList<>();
                for (int i = 0; i < cells.size(); i++) {
                    list.add(fullCell(cells.get(i), i));
                }
                result.put("cells", list);
                result.put("cell_count", list.size());
            }
            default -> throw new ToolException("mode '" + mode + "' is not one of list, single, range, all");
        }
        result.put("success", true);
        return result;
    }

    public Map<String, Object> inspectNotebook(InspectArgs a) {
        String mode = a.mode() == null || a.mode().isBlank() ? "metadata" : a.mode();
        if (!List.of("metadata", "outputs", "validate", "full").contains(mode)) {
            throw new ToolException("mode '" + mode + "' is not one of metadata, outputs, validate, full");
        }
        NotebookStore.Loaded nb = store().read(a.path());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("path", nb.path());
        result.put("mode", mode);
        if (mode.equals("metadata") || mode.equals("full")) {
            result.put("metadata", describe(nb));
        }
        if (mode.equals("outputs") || mode.equals("full")) {
            result.put("outputs", outputs(nb.notebook()));
        }
        if (mode.equals("validate") || mode.equals("full")) {
            List<String> problems = servers.schema().problems(nb.notebook());
            Map<String, Object> validation = new LinkedHashMap<>();
            validation.put("valid", problems.isEmpty());
            validation.put("nbformat", nb.notebook().path("nbformat").asInt());
            validation.put("nbformat_minor", nb.notebook().path("nbformat_minor").asInt());
            validation.put("problems", problems);
            result.put("validation", validation);
        }
        result.put("success", true);
        return result;
    }

    public Map<String, Object> listNotebookFiles(ListArgs a) {
        String directory = a.directory() == null || a.directory().isBlank() ? "." : a.directory();
        boolean recursive = Boolean.TRUE.equals(a.recursive());
        List<Map<String, Object>> notebooks = new ArrayList<>();
        for (NotebookStore.Entry e : store().list(directory, recursive)) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", e.name());
            item.put("path", e.path());
            item.put("size", e.size());
            item.put("modified", e.lastModified());
            notebooks.add(item);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("directory", directory);
        result.put("recursive", recursive);
        result.put("notebooks", notebooks);
        result.put("count", notebooks.size());
        result.put("success", true);
        return result;
    }

    public Map<String, Object> getNotebookInfo(PathArgs a) {
        NotebookStore.Loaded nb = store().read(a.path());
        Map<String, Object> result = new LinkedHashMap<>(describe(nb));
        result.put("path", nb.path());
        if (store().paths().localRoot() != null) {
            result.put("file_path", store().paths().localRoot().resolve(nb.path()).toString());
        }
        result.put("file_size", nb.size());
        result.put("last_modified", nb.lastModified());
        result.put("exists", true);
        result.put("success", true);
        return result;
    }

    private Map<String, Object> describe(NotebookStore.Loaded nb) {
        ObjectNode notebook = nb.notebook();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("nbformat", notebook.path("nbformat").asInt());
        d.put("nbformat_minor", notebook.path("nbformat_minor").asInt());
        d.put("kernelspec", JupyterApi.JSON.convertValue(notebook.path("metadata").path("kernelspec"), Object.class));
        d.put("language_info", JupyterApi.JSON.convertValue(notebook.path("metadata").path("language_info"), Object.class));
        d.put("metadata", JupyterApi.JSON.convertValue(notebook.path("metadata"), Object.class));
        Map<String, Integer> types = new LinkedHashMap<>();
        Notebooks.cells(notebook).forEach(c -> types.merge(c.path("cell_type").asText(), 1, Integer::sum));
        d.put("cell_count", Notebooks.cells(notebook).size());
        d.put("cell_types", types);
        return d;
    }

    private static Map<String, Object> outputs(ObjectNode notebook) {
        int code = 0;
        int withOutputs = 0;
        int withErrors = 0;
        Map<String, Integer> types = new LinkedHashMap<>();
        List<Map<String, Object>> cells = new ArrayList<>();
        ArrayNode all = Notebooks.cells(notebook);
        for (int i = 0; i < all.size(); i++) {
            JsonNode cell = all.get(i);
            if (!"code".equals(cell.path("cell_type").asText())) {
                continue;
            }
            code++;
            JsonNode outs = cell.path("outputs");
            if (outs.size() == 0) {
                continue;
            }
            withOutputs++;
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("index", i);
            info.put("execution_count", count(cell));
            info.put("output_count", outs.size());
            List<String> cellTypes = new ArrayList<>();
            String error = null;
            for (JsonNode out : outs) {
                String type = out.path("output_type").asText();
                types.merge(type, 1, Integer::sum);
                if (!cellTypes.contains(type)) {
                    cellTypes.add(type);
                }
                if (type.equals("error")) {
                    error = out.path("ename").asText() + ": " + out.path("evalue").asText();
                }
                if (out.path("data").isObject()) {
                    out.path("data").fieldNames().forEachRemaining(m -> {
                        if (!cellTypes.contains(m)) {
                            cellTypes.add(m);
                        }
                    });
                }
            }
            info.put("output_types", cellTypes);
            if (error != null) {
                withErrors++;
                info.put("error", error);
            }
            cells.add(info);
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("code_cells", code);
        o.put("cells_with_outputs", withOutputs);
        o.put("cells_with_errors", withErrors);
        o.put("output_types", types);
        o.put("cells", cells);
        return o;
    }

    private static Map<String, Object> fullCell(JsonNode cell, int index) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("index", index);
        c.put("cell_type", cell.path("cell_type").asText());
        if (cell.has("id")) {
            c.put("id", cell.path("id").asText());
        }
        c.put("source", Notebooks.source(cell));
        c.put("metadata", JupyterApi.JSON.convertValue(cell.path("metadata"), Object.class));
        if ("code".equals(cell.path("cell_type").asText())) {
            c.put("execution_count", count(cell));
            c.put("outputs", JupyterApi.JSON.convertValue(cell.path("outputs"), Object.class));
        }
        return c;
    }

    private static Integer count(JsonNode cell) {
        return cell.path("execution_count").isInt() ? cell.path("execution_count").asInt() : null;
    }

    /** Sources given as lists of lines are joined: the contents API and the schema both accept a string. */
    private static void normaliseSources(ObjectNode notebook) {
        JsonNode cells = notebook.path("cells");
        if (cells.isArray()) {
            for (JsonNode cell : cells) {
                if (cell instanceof ObjectNode c && c.path("source").isArray()) {
                    c.put("source", Notebooks.source(c));
                }
            }
        }
    }

    private static Map<String, Object> fileInfo(NotebookStore.Loaded nb) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("path", nb.path());
        info.put("size", nb.size());
        info.put("modified", nb.lastModified());
        info.put("cell_count", Notebooks.cells(nb.notebook()).size());
        return info;
    }

    private static Map<String, Object> ok(NotebookStore.Loaded saved, Map<String, Object> extra) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("path", saved.path());
        result.putAll(extra);
        result.put("size", saved.size());
        result.put("cell_count", Notebooks.cells(saved.notebook()).size());
        result.put("success", true);
        return result;
    }
}
