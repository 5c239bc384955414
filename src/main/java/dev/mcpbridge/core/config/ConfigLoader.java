package dev.mcpbridge.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mcpbridge.core.spi.Durations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the configuration file ({@code --config}, else {@code ./mcp-bridge.yaml}, else
 * {@code ~/.mcp-bridge/mcp-bridge.yaml}, else defaults) and applies the {@code MCP_BRIDGE_*} environment over it.
 * Every mistake is one line that says where (file:line:column, or the variable), which field, and what was expected.
 */
public final class ConfigLoader {

    public static final String FILE_NAME = "mcp-bridge.yaml";

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(YAML)
            .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule()
                    .addDeserializer(boolean.class, new OneBooleanReader())
                    .addDeserializer(Boolean.class, new OneBooleanReader()))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    /** The file that will be read, or null when none exists and none was asked for. */
    public Path locate(Path explicit) {
        if (explicit != null) {
            return explicit;
        }
        Path local = Path.of(FILE_NAME);
        if (Files.isRegularFile(local)) {
            return local;
        }
        String home = dev.mcpbridge.core.spi.HomePaths.home();
        if (home != null) {
            Path user = Path.of(home, ".mcp-bridge", FILE_NAME);
            if (Files.isRegularFile(user)) {
                return user;
            }
        }
        return null;
    }

    public BridgeConfig load(Path explicit) {
        Path file = locate(explicit);
        BridgeConfig config = file == null ? new BridgeConfig() : read(file);
        config.source = file;
        applyEnvironment(config);
        return config;
    }

    private static BridgeConfig read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": the configuration file does not exist (check --config)");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        ConfigOrigins origins = new ConfigOrigins();
        origins.file(file.toString());
        try (JsonParser parser = YAML.createParser(text)) {
            if (parser.nextToken() != null) {
                record(parser, "", origins);
            }
        } catch (IOException e) {
            throw new ConfigException(malformed(file, e));
        }
        BridgeConfig config;
        try {
            config = MAPPER.readValue(text, BridgeConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String path = path(e);
            throw new ConfigException(origins.where(path) + ": unknown field"
                    + Suggestions.didYouMean(e.getPropertyName(), names(e.getKnownPropertyIds()))
                    + " (known here: " + String.join(", ", names(e.getKnownPropertyIds())) + ")");
        } catch (MismatchedInputException e) {
            String path = path(e);
            if (e instanceof InvalidFormatException f && (f.getTargetType() == boolean.class
                    || f.getTargetType() == Boolean.class)) {
                // The words of the one boolean reader, as for the same setting given by a variable or a flag.
                throw new ConfigException(at(file, e.getLocation()) + path + ": " + f.getOriginalMessage());
            }
            String got = e instanceof InvalidFormatException f ? " '" + f.getValue() + "'" : "";
            throw new ConfigException(at(file, e.getLocation()) + (path.isEmpty() ? "the file" : path) + ": expected "
                    + expected(path, e.getTargetType()) + (got.isEmpty() ? "" : ", got" + got));
        } catch (IOException e) {
            throw new ConfigException(malformed(file, e));
        }
        config = config == null ? new BridgeConfig() : config;
        config.origins(origins);
        checkValues(config);
        return config;
    }

    /** Notes where every field and list item of the file is, walking the YAML once. */
    private static void record(JsonParser p, String path, ConfigOrigins origins) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                String child = path.isEmpty() ? name : path + "." + name;
                JsonLocation at = p.currentTokenLocation();
                origins.inFile(child, at.getLineNr(), at.getColumnNr());
                p.nextToken();
                record(p, child, origins);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                String child = path + "[" + i++ + "]";
                JsonLocation at = p.currentTokenLocation();
                origins.inFile(child, at.getLineNr(), at.getColumnNr());
                record(p, child, origins);
            }
        }
    }

    /** Values whose type is right but whose content is not: said here, where the file position is known. */
    private static void checkValues(BridgeConfig c) {
        port(c, c.http.port, "http.port");
        if (c.http.maxRequestBytes <= 0) {
            throw new ConfigException(c.origins().where("http.maxRequestBytes") + ": expected a positive number of "
                    + "bytes, got " + c.http.maxRequestBytes);
        }
        duration(c, "timeout", c.timeout);
        c.toolTimeouts.forEach((tool, value) -> duration(c, "toolTimeouts." + tool, value));
    }

    private static void port(BridgeConfig c, int port, String path) {
        if (port < 0 || port > 65535) {
            throw new ConfigException(c.origins().where(path) + ": expected a port number from 0 to 65535 (0 picks a "
                    + "free one), got " + port);
        }
    }

    private static void duration(BridgeConfig c, String path, String value) {
        try {
            Durations.parseMillis(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(c.origins().where(path) + ": " + e.getMessage());
        }
    }

    private static String malformed(Path file, IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException yaml) {
                Mark mark = yaml.getProblemMark() != null ? yaml.getProblemMark() : yaml.getContextMark();
                String where = mark == null ? file + ": " : file + ":" + (mark.getLine() + 1) + ":"
                        + (mark.getColumn() + 1) + ": ";
                String problem = yaml.getProblem() == null ? yaml.getContext() : yaml.getProblem();
                String context = yaml.getContext() != null && yaml.getProblem() != null && yaml.getContextMark() != null
                        ? " (" + yaml.getContext() + " started at line " + (yaml.getContextMark().getLine() + 1) + ")"
                        : "";
                return where + "not valid YAML: " + problem + context;
            }
        }
        if (e instanceof JsonProcessingException j && j.getOriginalMessage() != null
                && j.getOriginalMessage().startsWith("Duplicate field")) {
            return at(file, j.getLocation()) + j.getOriginalMessage().replace("Duplicate field", "the field")
                    + " is written twice: keep one (YAML would silently use the last)";
        }
        if (e instanceof JsonProcessingException j && j.getOriginalMessage() != null) {
            return at(file, j.getLocation()) + "not valid YAML: " + j.getOriginalMessage().lines().findFirst().orElse("");
        }
        return file + ": not valid YAML";
    }

    private static String at(Path file, JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? file + ": "
                : file + ":" + location.getLineNr() + ":" + location.getColumnNr() + ": ";
    }

    /** The field path of a mapping error, written as in the file: {@code http.port}, {@code adapters[1]}. */
    private static String path(JsonProcessingException e) {
        if (!(e instanceof com.fasterxml.jackson.databind.JsonMappingException m)) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        for (var ref : m.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(String path, Class<?> type) {
        if (path.equals("http.port")) {
            return "a port number";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type != null && Collection.class.isAssignableFrom(type)) {
            return "a list, e.g. [a, b]";
        }
        if (type != null && (Map.class.isAssignableFrom(type) || type == BridgeConfig.class
                || type.getEnclosingClass() == BridgeConfig.class)) {
            return "a mapping of 'name: value' lines";
        }
        return "a text";
    }

    private static List<String> names(Collection<Object> ids) {
        return ids.stream().map(String::valueOf).sorted().toList();
    }

    private void applyEnvironment(BridgeConfig c) {
        list("MCP_BRIDGE_ADAPTERS").ifPresent(v -> set(c, "adapters", "MCP_BRIDGE_ADAPTERS", () -> c.adapters = v));
        list("MCP_BRIDGE_DISABLED_ADAPTERS").ifPresent(v -> set(c, "disabledAdapters", "MCP_BRIDGE_DISABLED_ADAPTERS",
                () -> c.disabledAdapters = v));
        list("MCP_BRIDGE_ADAPTER_FOLDERS").ifPresent(v -> set(c, "adapterFolders", "MCP_BRIDGE_ADAPTER_FOLDERS",
                () -> c.adapterFolders = v));
        list("MCP_BRIDGE_TOOLS").ifPresent(v -> set(c, "tools", "MCP_BRIDGE_TOOLS", () -> c.tools = v));
        list("MCP_BRIDGE_EXCLUDE_TOOLS").ifPresent(v -> set(c, "excludeTools", "MCP_BRIDGE_EXCLUDE_TOOLS",
                () -> c.excludeTools = v));
        value("MCP_BRIDGE_READ_ONLY").ifPresent(v -> set(c, "readOnly", "MCP_BRIDGE_READ_ONLY",
                () -> c.readOnly = bool("MCP_BRIDGE_READ_ONLY", v)));
        value("MCP_BRIDGE_DISCOVERY").ifPresent(v -> set(c, "discovery", "MCP_BRIDGE_DISCOVERY",
                () -> c.discovery = bool("MCP_BRIDGE_DISCOVERY", v)));
        value("MCP_BRIDGE_TIMEOUT").ifPresent(v -> set(c, "timeout", "MCP_BRIDGE_TIMEOUT", () -> c.timeout = v));
        value("MCP_BRIDGE_AUDIT_LOG").ifPresent(v -> set(c, "auditLog", "MCP_BRIDGE_AUDIT_LOG", () -> c.auditLog = v));
        value("MCP_BRIDGE_HTTP_BIND").ifPresent(v -> set(c, "http.bind", "MCP_BRIDGE_HTTP_BIND", () -> c.http.bind = v));
        value("MCP_BRIDGE_HTTP_PORT").ifPresent(v -> set(c, "http.port", "MCP_BRIDGE_HTTP_PORT", () -> {
            try {
                c.http.port = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new ConfigException("MCP_BRIDGE_HTTP_PORT: '" + v + "' is not a port number (0 to 65535)");
            }
        }));
        value("MCP_BRIDGE_HTTP_TOKEN").ifPresent(v -> set(c, "http.token", "MCP_BRIDGE_HTTP_TOKEN",
                () -> c.http.token = v));
        value("MCP_BRIDGE_PUBLIC_URL").ifPresent(v -> set(c, "http.publicUrl", "MCP_BRIDGE_PUBLIC_URL",
                () -> c.http.publicUrl = v));
        value("MCP_BRIDGE_OAUTH_ISSUER").ifPresent(v -> set(c, "oauth.issuer", "MCP_BRIDGE_OAUTH_ISSUER",
                () -> c.oauth.issuer = v));
        value("MCP_BRIDGE_OAUTH_AUDIENCE").ifPresent(v -> set(c, "oauth.audience", "MCP_BRIDGE_OAUTH_AUDIENCE",
                () -> c.oauth.audience = v));
        list("MCP_BRIDGE_OAUTH_SCOPES").ifPresent(v -> set(c, "oauth.scopes", "MCP_BRIDGE_OAUTH_SCOPES",
                () -> c.oauth.scopes = v));
        value("MCP_BRIDGE_HTTP_STATELESS").ifPresent(v -> set(c, "http.stateless", "MCP_BRIDGE_HTTP_STATELESS",
                () -> c.http.stateless = bool("MCP_BRIDGE_HTTP_STATELESS", v)));
        checkValues(c);
    }

    private static void set(BridgeConfig c, String path, String variable, Runnable assignment) {
        assignment.run();
        c.origins().setBy(path, variable);
    }

    private static boolean bool(String variable, String value) {
        try {
            return dev.mcpbridge.core.spi.Booleans.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(variable + ": " + e.getMessage());
        }
    }

    private Optional<String> value(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private Optional<List<String>> list(String name) {
        return value(name).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    /**
     * Booleans in the file read as everywhere else ({@link dev.mcpbridge.core.spi.Booleans}): Jackson alone takes
     * only true and false, and would refuse {@code yes} that a variable or a flag accepts.
     */
    private static final class OneBooleanReader extends com.fasterxml.jackson.databind.JsonDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser p, com.fasterxml.jackson.databind.DeserializationContext ctx)
                throws IOException {
            if (p.currentToken() == JsonToken.VALUE_TRUE || p.currentToken() == JsonToken.VALUE_FALSE) {
                return p.getBooleanValue();
            }
            String text = p.getValueAsString();
            if (text == null && p.currentToken().isScalarValue()) {
                text = p.getText();
            }
            try {
                return dev.mcpbridge.core.spi.Booleans.parse(text);
            } catch (IllegalArgumentException e) {
                throw new InvalidFormatException(p, e.getMessage(), text, Boolean.class);
            }
        }
    }
}
