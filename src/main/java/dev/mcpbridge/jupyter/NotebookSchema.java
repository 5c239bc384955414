package dev.mcpbridge.jupyter;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The nbformat 4 JSON schemas (shipped as resources, from the nbformat project) and the check of a notebook
 * against the one its nbformat_minor calls for: 4.5 requires cell ids, earlier minors do not have them.
 */
public final class NotebookSchema {

    private static final String DIR = "mcp-bridge/jupyter/";
    private final Schema v44 = load("nbformat.v4.4.schema.json");
    private final Schema v45 = load("nbformat.v4.5.schema.json");

    /** The problems found, each naming where in the notebook it is; empty when the notebook is valid. */
    public List<String> problems(JsonNode notebook) {
        if (!notebook.isObject()) {
            return List.of("a notebook is a JSON object, not " + notebook.getNodeType().name().toLowerCase());
        }
        if (notebook.path("nbformat").asInt(-1) != 4) {
            return List.of("$.nbformat: only nbformat 4 notebooks are supported (found "
                    + notebook.path("nbformat") + ")");
        }
        Schema schema = notebook.path("nbformat_minor").asInt(0) >= 5 ? v45 : v44;
        return schema.validate(notebook).stream().map(NotebookSchema::describe).distinct().limit(50).toList();
    }

    private static String describe(Error error) {
        return error.toString();
    }

    private static Schema load(String name) {
        try (InputStream in = NotebookSchema.class.getClassLoader().getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException(DIR + name + " is missing from the class path");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(JupyterApi.JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
