package dev.mcpbridge.lib.sql;

import dev.mcpbridge.core.spi.ToolException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The steps a {@code kind: sql} route runs before and after camel-sql. */
public final class SqlStatements {

    /** How wide a column of the text table may get before its values are cut. */
    private static final int MAX_CELL = 60;

    /**
     * The statement's parameters, every one present: camel-sql binds {@code :#name} from this map as JDBC
     * parameters, and an optional parameter the caller left out is bound as NULL rather than refused.
     *
     * @param names the statement's parameter names, comma-separated
     */
    public Map<String, Object> bind(Map<String, Object> arguments, String names) {
        Map<String, Object> bound = new LinkedHashMap<>();
        for (String name : names.split(",")) {
            if (!name.isBlank()) {
                bound.put(name, arguments == null ? null : arguments.get(name));
            }
        }
        return bound;
    }

    /**
     * The answer of a statement: for a query, its rows as a text table with the rows as structured content; for an
     * update, how many rows it changed.
     *
     * @param updated camel-sql's update count (header CamelSqlUpdateCount), null for a query
     * @param maxRows the row cap the statement ran with (a query that reached it says so)
     */
    public dev.mcpbridge.core.spi.ToolResult answer(Object rows, Integer updated, int maxRows) {
        if (updated != null) {
            String text = updated + (updated == 1 ? " row" : " rows") + " changed";
            return new dev.mcpbridge.core.spi.ToolResult(List.of(new dev.mcpbridge.core.spi.ToolResult.Text(text)),
                    Map.of("rowsChanged", updated), false);
        }
        List<Map<String, Object>> list = new ArrayList<>();
        if (rows instanceof List<?> l) {
            for (Object row : l) {
                if (row instanceof Map<?, ?> m) {
                    Map<String, Object> copy = new LinkedHashMap<>();
                    m.forEach((k, v) -> copy.put(String.valueOf(k).toLowerCase(java.util.Locale.ROOT), plain(v)));
                    list.add(copy);
                }
            }
        }
        boolean capped = maxRows > 0 && list.size() >= maxRows;
        String text = table(list) + "\n" + list.size() + (list.size() == 1 ? " row" : " rows")
                + (capped ? " (stopped at the row cap of " + maxRows + "; narrow the query)" : "");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("rows", list);
        data.put("rowCount", list.size());
        data.put("truncated", capped);
        return new dev.mcpbridge.core.spi.ToolResult(List.of(new dev.mcpbridge.core.spi.ToolResult.Text(text)), data,
                false);
    }

    private static final java.util.regex.Pattern READING = java.util.regex.Pattern.compile(
            "^\\s*(SELECT|WITH|VALUES|TABLE|EXPLAIN)\\b", java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * The query tool's own check, before the read-only transaction the database enforces: one statement, and one
     * that reads. It matters where the database cannot refuse (an embedded H2 commits DDL whatever the transaction).
     */
    public String readOnly(String sql) {
        String text = sql == null ? "" : sql.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        if (!READING.matcher(text).find()) {
            throw new ToolException("query runs only reading statements (SELECT, WITH, VALUES, TABLE, EXPLAIN); "
                    + "this one begins '" + text.split("\\s+", 2)[0] + "'. Use a declared tool to change data");
        }
        boolean inString = false;
        boolean inIdentifier = false;
        for (char c : text.toCharArray()) {
            if (c == '\'' && !inIdentifier) {
                inString = !inString;
            } else if (c == '"' && !inString) {
                inIdentifier = !inIdentifier;
            } else if (c == ';' && !inString && !inIdentifier) {
                throw new ToolException("query runs one statement at a time; this text has several (a ';' "
                        + "outside quotes)");
            }
        }
        return text;
    }

    /** A database's refusal (a syntax error, a read-only transaction, a timeout) in its own words. */
    public void failure(Exception caught) {
        Throwable cause = caught;
        while (cause != null && !(cause instanceof SQLException)) {
            cause = cause.getCause();
        }
        String message = cause != null ? cause.getMessage() : caught.getMessage();
        String state = cause instanceof SQLException sql && sql.getSQLState() != null
                ? " (SQLSTATE " + sql.getSQLState() + ")" : "";
        throw new ToolException("the database refused the statement: "
                + (message == null ? caught.getClass().getSimpleName() : message.lines().findFirst().orElse(""))
                + state);
    }

    /** JDBC values as JSON can carry them: numbers, text, booleans; dates and the rest as their text. */
    private static Object plain(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof java.sql.Clob || value instanceof java.sql.Blob || value instanceof byte[]) {
            return "(" + value.getClass().getSimpleName() + ")";
        }
        return String.valueOf(value);
    }

    private static String table(List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return "(no rows)";
        }
        List<String> columns = new ArrayList<>(rows.get(0).keySet());
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).length();
            for (Map<String, Object> row : rows) {
                widths[c] = Math.max(widths[c], cell(row.get(columns.get(c))).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, columns, widths);
        for (int c = 0; c < columns.size(); c++) {
            out.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
        }
        out.append('\n');
        for (Map<String, Object> row : rows) {
            List<String> cells = new ArrayList<>();
            columns.forEach(column -> cells.add(cell(row.get(column))));
            line(out, cells, widths);
        }
        return out.toString().stripTrailing();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        for (int c = 0; c < cells.size(); c++) {
            out.append(c == 0 ? "" : " | ").append(String.format("%-" + widths[c] + "s", cells.get(c)));
        }
        out.append('\n');
    }

    private static String cell(Object value) {
        String text = value == null ? "NULL" : String.valueOf(value).replace('\n', ' ');
        return text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 1) + "…" : text;
    }
}
