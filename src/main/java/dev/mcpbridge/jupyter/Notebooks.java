package dev.mcpbridge.jupyter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpbridge.core.spi.ToolException;
import java.util.Set;
import java.util.UUID;

/** nbformat 4 building blocks: new notebooks and cells, a cell's source as one string, cell ids. */
public final class Notebooks {

    static final Set<String> CELL_TYPES = Set.of("code", "markdown", "raw");
    /** The minor version of notebooks this adapter creates (4.5: cells carry ids). */
    static final int MINOR = 5;

    private Notebooks() {
    }

    public static ObjectNode newNotebook(String kernelName, String displayName, String language) {
        ObjectNode nb = JupyterApi.JSON.createObjectNode();
        ObjectNode metadata = nb.putObject("metadata");
        ObjectNode spec = metadata.putObject("kernelspec");
        spec.put("name", kernelName).put("display_name", displayName == null ? kernelName : displayName);
        if (language != null) {
            spec.put("language", language);
            metadata.putObject("language_info").put("name", language);
        }
        nb.put("nbformat", 4).put("nbformat_minor", MINOR);
        nb.putArray("cells");
        return nb;
    }

    public static ObjectNode newCell(String type, String source, JsonNode metadata, boolean withId) {
        if (!CELL_TYPES.contains(type)) {
            throw new ToolException("cell_type '" + type + "' is not one of code, markdown, raw");
        }
        ObjectNode cell = JupyterApi.JSON.createObjectNode().put("cell_type", type);
        if (withId) {
            cell.put("id", newId());
        }
        cell.set("metadata", metadata != null && metadata.isObject() ? metadata.deepCopy()
                : JupyterApi.JSON.createObjectNode());
        cell.put("source", source == null ? "" : source);
        if (type.equals("code")) {
            cell.putNull("execution_count");
            cell.putArray("outputs");
        }
        return cell;
    }

    /** A cell's source as one string, whether stored as a string or a list of lines. */
    public static String source(JsonNode cell) {
        JsonNode source = cell.path("source");
        if (source.isArray()) {
            StringBuilder text = new StringBuilder();
            source.forEach(line -> text.append(line.asText()));
            return text.toString();
        }
        return source.asText("");
    }

    public static ArrayNode cells(JsonNode notebook) {
        JsonNode cells = notebook.path("cells");
        if (!cells.isArray()) {
            throw new ToolException("the notebook has no 'cells' list");
        }
        return (ArrayNode) cells;
    }

    public static boolean wantsIds(JsonNode notebook) {
        return notebook.path("nbformat_minor").asInt(0) >= 5;
    }

    /** Gives every cell of a 4.5+ notebook an id, as nbformat itself does when it upgrades a notebook. */
    public static void ensureIds(ObjectNode notebook) {
        if (!wantsIds(notebook)) {
            return;
        }
        for (JsonNode cell : cells(notebook)) {
            if (cell instanceof ObjectNode c && !c.path("id").isTextual()) {
                c.put("id", newId());
            }
        }
    }

    public static JsonNode tags(JsonNode cell) {
        return cell.path("metadata").path("tags");
    }

    public static boolean hasTag(JsonNode cell, String tag) {
        for (JsonNode t : tags(cell)) {
            if (tag.equals(t.asText())) {
                return true;
            }
        }
        return false;
    }

    static String newId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    /** Checks an index given by a tool argument against the number of cells. */
    public static int checkIndex(String name, Integer index, int size) {
        if (index == null) {
            throw new ToolException(name + " is required");
        }
        if (size == 0) {
            throw new ToolException(name + " " + index + " is out of range: the notebook has no cells");
        }
        if (index < 0 || index >= size) {
            throw new ToolException(name + " " + index + " is out of range (0-" + (size - 1) + ")");
        }
        return index;
    }
}
