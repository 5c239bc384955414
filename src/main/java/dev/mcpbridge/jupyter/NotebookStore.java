package dev.mcpbridge.jupyter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpbridge.core.spi.ToolException;
import java.util.ArrayList;
import java.util.List;

/**
 * Notebooks read and written through the Jupyter contents API (so they land where the server sees them, written
 * atomically by the server), each path first checked by {@link NotebookPaths}, each write first checked against
 * the nbformat schema.
 */
public final class NotebookStore {

    /** A notebook read from the server: its contents path, its JSON and the file's facts. */
    public record Loaded(String path, ObjectNode notebook, String lastModified, Long size) {
    }

    /** One notebook found by {@link #list}. */
    public record Entry(String name, String path, String lastModified, Long size) {
    }

    private static final int MAX_LISTED = 10_000;
    private final JupyterApi api;
    private final NotebookPaths paths;
    private final NotebookSchema schema;

    public NotebookStore(JupyterApi api, NotebookPaths paths, NotebookSchema schema) {
        this.api = api;
        this.paths = paths;
        this.schema = schema;
    }

    public NotebookPaths paths() {
        return paths;
    }

    public NotebookSchema schema() {
        return schema;
    }

    public Loaded read(String requested) {
        String path = paths.notebook(requested);
        JsonNode model;
        try {
            model = api.notebook(path);
        } catch (JupyterApi.ApiError e) {
            if (e.status() == 400) {
                throw new ToolException("'" + requested + "' is not a readable notebook: " + e.getMessage());
            }
            throw e;
        }
        if (model == null) {
            throw new ToolException("notebook '" + requested + "' does not exist");
        }
        if (!model.path("content").isObject()) {
            throw new ToolException("'" + requested + "' is not a notebook");
        }
        return new Loaded(path, (ObjectNode) model.path("content"), text(model, "last_modified"), size(model));
    }

    /** True when something (file or directory) exists at the path. */
    public boolean exists(String requested) {
        return api.contents(paths.resolve(requested), false) != null;
    }

    /** Validates, then writes; creates missing parent directories. Answers the saved file's model. */
    public Loaded write(String requested, ObjectNode notebook) {
        String path = paths.notebook(requested);
        Notebooks.ensureIds(notebook);
        List<String> problems = schema.problems(notebook);
        if (!problems.isEmpty()) {
            throw new ToolException("the notebook for '" + requested + "' is not valid nbformat 4: "
                    + String.join("; ", problems));
        }
        makeParents(path);
        JsonNode model = api.saveNotebook(path, notebook);
        return new Loaded(path, notebook, text(model, "last_modified"), size(model));
    }

    private void makeParents(String path) {
        int slash = path.lastIndexOf('/');
        if (slash <= 0) {
            return;
        }
        String[] parts = path.substring(0, slash).split("/");
        StringBuilder dir = new StringBuilder();
        for (String part : parts) {
            dir.append(dir.length() == 0 ? "" : "/").append(part);
            JsonNode existing = api.contents(dir.toString(), false);
            if (existing == null) {
                api.createDirectory(dir.toString());
            } else if (!"directory".equals(existing.path("type").asText())) {
                throw new ToolException("cannot write '" + path + "': '" + dir + "' is a file, not a directory");
            }
        }
    }

    /** Notebooks in a directory (and its subdirectories when recursive), hidden entries left out as the server does. */
    public List<Entry> list(String requestedDirectory, boolean recursive) {
        String dir = paths.resolve(requestedDirectory);
        JsonNode model = api.contents(dir, true);
        if (model == null) {
            throw new ToolException("directory '" + requestedDirectory + "' does not exist");
        }
        if (!"directory".equals(model.path("type").asText())) {
            throw new ToolException("'" + requestedDirectory + "' is not a directory");
        }
        List<Entry> found = new ArrayList<>();
        collect(model, recursive, found);
        found.sort(java.util.Comparator.comparing(Entry::path));
        return found;
    }

    private void collect(JsonNode directory, boolean recursive, List<Entry> found) {
        List<JsonNode> entries = new ArrayList<>();
        directory.path("content").forEach(entries::add);
        entries.sort(java.util.Comparator.comparing(e -> e.path("path").asText()));
        for (JsonNode entry : entries) {
            if (found.size() >= MAX_LISTED) {
                return;
            }
            String type = entry.path("type").asText();
            if ("notebook".equals(type)) {
                found.add(new Entry(entry.path("name").asText(), entry.path("path").asText(),
                        text(entry, "last_modified"), size(entry)));
            } else if (recursive && "directory".equals(type)) {
                String sub = entry.path("path").asText();
                try {
                    paths.resolve(sub);
                } catch (ToolException e) {
                    continue; // a link out of the notebook directory: not ours to list
                }
                JsonNode child = api.contents(sub, true);
                if (child != null) {
                    collect(child, true, found);
                }
            }
        }
    }

    private static String text(JsonNode model, String field) {
        JsonNode v = model.path(field);
        return v.isNull() || v.isMissingNode() ? null : v.asText();
    }

    private static Long size(JsonNode model) {
        JsonNode v = model.path("size");
        return v.isNumber() ? v.asLong() : null;
    }
}
