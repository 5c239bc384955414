package dev.mcpbridge.core.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code kind: sql}: a database adapter declared in its descriptor alone. Settings {@code url} (JDBC),
 * {@code username} and {@code password} (secret); each tool a named statement whose {@code :name} parameters are
 * bound as JDBC parameters (never spliced into the SQL), their declared types giving the input schema; optionally
 * the generic tools {@code list_tables}, {@code describe_table} and {@code query}, the last inside a read-only
 * transaction with a row cap and a statement timeout, so that a write through it is refused by the database
 * itself. The descriptor is rewritten into an ordinary one, and its routes are generated: each tool a Camel route
 * through camel-sql over a HikariCP pool, so that every call runs the same call route as any other tool.
 */
final class SqlKind {

    static final Set<String> FIELDS = Set.of("adapter", "kind", "description", "settings", "sql", "tools",
            "breaker");
    private static final Set<String> SQL_FIELDS = Set.of("maxRows", "timeout", "generic");
    private static final Set<String> TOOL_FIELDS = Set.of("name", "title", "description", "statement", "parameters",
            "timeout");
    private static final Set<String> PARAMETER_FIELDS = Set.of("type", "description", "required", "enum",
            "minimum", "maximum", "minLength", "maxLength", "pattern", "format");
    private static final Set<String> GENERIC = Set.of("list_tables", "describe_table", "query");
    private static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean");
    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern READING = Pattern.compile("^\\s*(SELECT|WITH|VALUES|SHOW|EXPLAIN|TABLE)\\b",
            Pattern.CASE_INSENSITIVE);

    /** The rewritten descriptor, and its generated routes. */
    record Expanded(ObjectNode descriptor, String routesYaml) {
    }

    private final ObjectMapper yaml;
    private final String source;

    SqlKind(ObjectMapper yaml, String source) {
        this.yaml = yaml;
        this.source = source;
    }

    Expanded expand(ObjectNode root) {
        GeneratedRoutes.onlyFields(source, "", root, FIELDS, "a kind: sql adapter");
        String adapter = root.path("adapter").asText();
        String env = adapter.toUpperCase(Locale.ROOT).replace('-', '_');
        JsonNode sql = root.path("sql");
        if (!sql.isMissingNode() && !sql.isObject()) {
            throw new DescriptorException(source, "sql", "expected a mapping (maxRows, timeout, generic)");
        }
        GeneratedRoutes.onlyFields(source, "sql", sql, SQL_FIELDS, "sql:");
        int maxRows = sql.path("maxRows").asInt(500);
        if (maxRows < 1) {
            throw new DescriptorException(source, "sql.maxRows", "must be at least 1");
        }
        long timeoutSeconds;
        try {
            timeoutSeconds = Math.max(1, dev.mcpbridge.core.spi.Durations.parseMillis(sql.path("timeout").asText("30s"))
                    / 1000);
        } catch (IllegalArgumentException e) {
            throw new DescriptorException(source, "sql.timeout", e.getMessage());
        }

        ObjectNode out = yaml.createObjectNode();
        out.put("adapter", adapter);
        out.put("description", root.path("description").asText("SQL database " + adapter));
        ObjectNode settings = root.has("settings") && root.get("settings").isObject()
                ? (ObjectNode) root.get("settings").deepCopy() : yaml.createObjectNode();
        setting(settings, "url", env + "_DB_URL", null, true, false, "JDBC URL of the database "
                + "(jdbc:postgresql://host/db, jdbc:h2:...)");
        setting(settings, "username", env + "_DB_USER", "", false, false, "Database user");
        setting(settings, "password", env + "_DB_PASSWORD", "", false, true, "Database password");
        out.set("settings", settings);
        if (root.has("breaker")) {
            out.set("breaker", root.get("breaker"));
        }

        StringBuilder routes = new StringBuilder("# Generated from the kind: sql descriptor " + source + ".\n");
        String pool = adapter.replaceAll("[^A-Za-z0-9]", "") + "Sql";
        routes.append(beans(adapter, pool));
        ArrayNode tools = yaml.createArrayNode();
        JsonNode declared = root.path("tools");
        if (!declared.isMissingNode() && !declared.isArray()) {
            throw new DescriptorException(source, "tools", "expected a list of statements");
        }
        for (int i = 0; i < declared.size(); i++) {
            tools.add(statementTool(adapter, pool, "tools[" + i + "]", declared.get(i), maxRows, timeoutSeconds, routes));
        }
        JsonNode generic = sql.path("generic");
        for (int i = 0; i < generic.size(); i++) {
            String name = generic.get(i).asText();
            if (!GENERIC.contains(name)) {
                throw new DescriptorException(source, "sql.generic[" + i + "]", "'" + name + "' is not one of "
                        + GENERIC);
            }
            tools.add(genericTool(adapter, pool, name, maxRows, timeoutSeconds, routes));
        }
        out.set("tools", tools);
        return new Expanded(out, routes.toString());
    }

    private void setting(ObjectNode settings, String name, String env, String defaultValue, boolean required,
            boolean secret, String description) {
        if (settings.has(name)) {
            return;
        }
        ObjectNode s = settings.putObject(name);
        s.put("env", env);
        if (defaultValue != null) {
            s.put("default", defaultValue);
        }
        if (required) {
            s.put("required", true);
        }
        if (secret) {
            s.put("secret", true);
        }
        s.put("description", description);
    }

    /** Two pools: one for the declared statements, one read-only (autocommit off) for the generic query tool. */
    private static String beans(String adapter, String pool) {
        String common = "        jdbcUrl: \"{{" + adapter + ".url}}\"\n"
                + "        username: \"{{" + adapter + ".username}}\"\n"
                + "        password: \"{{" + adapter + ".password}}\"\n"
                + "        maximumPoolSize: 4\n"
                + "        minimumIdle: 0\n"
                + "        initializationFailTimeout: -1\n";
        return "- beans:\n"
                + "    - name: " + pool + "Pool\n"
                + "      type: com.zaxxer.hikari.HikariDataSource\n"
                + "      destroyMethod: close\n"
                + "      properties:\n" + common
                + "        poolName: " + adapter + "\n"
                + "    - name: " + pool + "ReadOnlyPool\n"
                + "      type: com.zaxxer.hikari.HikariDataSource\n"
                + "      destroyMethod: close\n"
                + "      properties:\n" + common
                + "        poolName: " + adapter + "-read-only\n"
                + "        readOnly: true\n"
                + "        autoCommit: false\n"
                + "    - name: " + pool + "Statements\n"
                + "      type: dev.mcpbridge.lib.sql.SqlStatements\n";
    }

    private ObjectNode statementTool(String adapter, String pool, String field, JsonNode node, int maxRows,
            long timeoutSeconds, StringBuilder routes) {
        if (!node.isObject()) {
            throw new DescriptorException(source, field, "expected a mapping (name, description, statement, parameters)");
        }
        GeneratedRoutes.onlyFields(source, field, node, TOOL_FIELDS, "a statement tool");
        String name = text(node, field, "name");
        String statement = text(node, field, "statement");
        Set<String> used = new LinkedHashSet<>();
        var m = PARAMETER.matcher(withoutLiterals(statement));
        while (m.find()) {
            used.add(m.group(1));
        }
        JsonNode parameters = node.path("parameters");
        ObjectNode input = yaml.createObjectNode();
        input.put("type", "object");
        ObjectNode properties = input.putObject("properties");
        ArrayNode required = yaml.createArrayNode();
        parameters.fieldNames().forEachRemaining(p -> {
            if (!used.contains(p)) {
                throw new DescriptorException(source, field + ".parameters." + p, "is not used in the statement (as :"
                        + p + ")");
            }
        });
        for (String p : used) {
            JsonNode spec = parameters.get(p);
            if (spec == null) {
                throw new DescriptorException(source, field + ".parameters", "the statement uses :" + p
                        + ", which is not declared here (give its type: string, integer, number or boolean)");
            }
            GeneratedRoutes.onlyFields(source, field + ".parameters." + p, spec, PARAMETER_FIELDS, "a parameter");
            String type = spec.path("type").asText("string");
            if (!TYPES.contains(type)) {
                throw new DescriptorException(source, field + ".parameters." + p + ".type", "'" + type
                        + "' is not one of " + TYPES);
            }
            ObjectNode property = spec.deepCopy();
            property.remove("required");
            property.put("type", type);
            properties.set(p, property);
            if (spec.path("required").asBoolean(true)) {
                required.add(p);
            }
        }
        if (!required.isEmpty()) {
            input.set("required", required);
        }
        input.put("additionalProperties", false);
        ObjectNode tool = tool(name, node.path("title").asText(null), text(node, field, "description"), input,
                READING.matcher(statement).find());
        if (node.has("timeout")) {
            tool.set("timeout", node.get("timeout"));
        }
        String jdbc = camelParameters(statement);
        GeneratedRoutes.begin(routes, adapter, name);
        routes.append("        - bean: { ref: ").append(pool).append("Statements, method: \"bind(${body}, '")
                .append(String.join(",", used)).append("')\" }\n");
        sqlSteps(routes, pool + "Pool", jdbc, maxRows, timeoutSeconds, pool);
        return tool;
    }

    private ObjectNode genericTool(String adapter, String pool, String name, int maxRows, long timeoutSeconds,
            StringBuilder routes) {
        ObjectNode input = yaml.createObjectNode();
        input.put("type", "object");
        ObjectNode properties = input.putObject("properties");
        ArrayNode required = yaml.createArrayNode();
        String description;
        String statement;
        String bind;
        switch (name) {
            case "list_tables" -> {
                description = "List the tables and views of the database (schema, name, type)";
                statement = "SELECT table_schema, table_name, table_type FROM information_schema.tables "
                        + "WHERE table_schema NOT IN ('pg_catalog', 'information_schema', 'INFORMATION_SCHEMA') "
                        + "ORDER BY table_schema, table_name";
                bind = "";
            }
            case "describe_table" -> {
                description = "Describe the columns of a table: name, type, whether it may be null, default";
                properties.putObject("table").put("type", "string").put("minLength", 1)
                        .put("description", "The table's name (as list_tables shows it)");
                required.add("table");
                statement = "SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns "
                        + "WHERE table_name = :#table ORDER BY ordinal_position";
                bind = "table";
            }
            default -> {
                description = "Run one read-only SQL query (SELECT). It runs inside a read-only transaction, so the "
                        + "database itself refuses any write; at most " + maxRows + " rows come back, and it is "
                        + "stopped after " + timeoutSeconds + " s";
                properties.putObject("sql").put("type", "string").put("minLength", 1)
                        .put("description", "The SQL query");
                required.add("sql");
                statement = null;
                bind = null;
            }
        }
        input.set("required", required);
        input.put("additionalProperties", false);
        GeneratedRoutes.begin(routes, adapter, name);
        if (statement == null) {
            // camel-sql runs the text of this header instead of its URI's statement; the body binds nothing.
            routes.append("        - bean: { ref: ").append(pool).append("Statements, method: \"readOnly(${body[sql]})\" }\n")
                    .append("        - setHeader: { name: CamelSqlQuery, simple: \"${body}\" }\n")
                    .append("        - setBody: { constant: \"\" }\n");
            sqlSteps(routes, pool + "ReadOnlyPool", null, maxRows, timeoutSeconds, pool);
        } else {
            routes.append("        - bean: { ref: ").append(pool).append("Statements, method: \"bind(${body}, '")
                    .append(bind).append("')\" }\n");
            sqlSteps(routes, pool + "ReadOnlyPool", statement, maxRows, timeoutSeconds, pool);
        }
        return tool(name, null, description, input, true);
    }

    private static void sqlSteps(StringBuilder routes, String dataSource, String statement, int maxRows,
            long timeoutSeconds, String pool) {
        if (statement != null) {
            // In a header rather than the endpoint URI, where a '?', '&' or '%' of the SQL would be read as URI.
            routes.append("        - setHeader: { name: CamelSqlQuery, constant: ").append(quoted(statement))
                    .append(" }\n");
        }
        routes.append("        - doTry:\n")
                .append("            steps:\n")
                .append("              - to:\n")
                .append("                  uri: \"sql:SELECT 1\"\n")
                .append("                  parameters:\n")
                .append("                    dataSource: \"#").append(dataSource).append("\"\n")
                .append("                    outputType: SelectList\n")
                .append("                    template.maxRows: ").append(maxRows).append('\n')
                .append("                    template.queryTimeout: ").append(timeoutSeconds).append('\n')
                .append("              - bean: { ref: ").append(pool)
                .append("Statements, method: \"answer(${body}, ${header.CamelSqlUpdateCount}, ").append(maxRows)
                .append(")\" }\n")
                .append("            doCatch:\n")
                .append("              - exception: [ java.sql.SQLException, org.springframework.dao.DataAccessException ]\n")
                .append("                steps:\n")
                .append("                  - bean: { ref: ").append(pool)
                .append("Statements, method: \"failure(${exception})\" }\n");
    }

    private ObjectNode tool(String name, String title, String description, ObjectNode input, boolean reading) {
        ObjectNode tool = yaml.createObjectNode();
        tool.put("name", name);
        if (title != null) {
            tool.put("title", title);
        }
        tool.put("description", description);
        ObjectNode annotations = tool.putObject("annotations");
        annotations.put("readOnlyHint", reading);
        if (!reading) {
            annotations.put("destructiveHint", true);
        }
        annotations.put("openWorldHint", false);
        tool.set("input", input);
        return tool;
    }

    private String text(JsonNode node, String field, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new DescriptorException(source, field + "." + name, "is required");
        }
        return value.asText();
    }

    /** {@code :name} parameters as camel-sql names them ({@code :#name}), outside string literals only. */
    private static String camelParameters(String sql) {
        String blanked = withoutLiterals(sql);
        StringBuilder out = new StringBuilder();
        var m = PARAMETER.matcher(blanked);
        int at = 0;
        while (m.find()) {
            out.append(sql, at, m.start()).append(":#").append(m.group(1));
            at = m.end();
        }
        return out.append(sql.substring(at)).toString();
    }

    /** The statement with its string literals blanked, so that a ':x' inside quotes is not taken for a parameter. */
    private static String withoutLiterals(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        boolean inString = false;
        for (char c : sql.toCharArray()) {
            if (c == '\'') {
                inString = !inString;
                out.append(c);
            } else {
                out.append(inString ? ' ' : c);
            }
        }
        return out.toString();
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

}
