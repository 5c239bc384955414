package dev.mcpbridge.core.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads the configuration file ({@code --config}, else {@code ./mcp-bridge.yaml}, else
 * {@code ~/.mcp-bridge/mcp-bridge.yaml}, else defaults) and applies the {@code MCP_BRIDGE_*} environment over it.
 */
public final class ConfigLoader {

    public static final String FILE_NAME = "mcp-bridge.yaml";

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
        String home = System.getProperty("user.home");
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
        applyEnvironment(config);
        return config;
    }

    private static BridgeConfig read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": the configuration file does not exist");
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            BridgeConfig config = yaml.readValue(file.toFile(), BridgeConfig.class);
            return config == null ? new BridgeConfig() : config;
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(file + ": unknown field '" + e.getPropertyName() + "' (known: "
                    + e.getKnownPropertyIds() + ")");
        } catch (IOException e) {
            throw new ConfigException(file + ": " + e.getMessage().lines().findFirst().orElse("unreadable"));
        }
    }

    private void applyEnvironment(BridgeConfig c) {
        list("MCP_BRIDGE_ADAPTERS").ifPresent(v -> c.adapters = v);
        list("MCP_BRIDGE_DISABLED_ADAPTERS").ifPresent(v -> c.disabledAdapters = v);
        list("MCP_BRIDGE_ADAPTER_FOLDERS").ifPresent(v -> c.adapterFolders = v);
        list("MCP_BRIDGE_TOOLS").ifPresent(v -> c.tools = v);
        list("MCP_BRIDGE_EXCLUDE_TOOLS").ifPresent(v -> c.excludeTools = v);
        value("MCP_BRIDGE_READ_ONLY").ifPresent(v -> c.readOnly = Boolean.parseBoolean(v));
        value("MCP_BRIDGE_TIMEOUT").ifPresent(v -> c.timeout = v);
        value("MCP_BRIDGE_HTTP_BIND").ifPresent(v -> c.http.bind = v);
        value("MCP_BRIDGE_HTTP_PORT").ifPresent(v -> {
            try {
                c.http.port = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new ConfigException("MCP_BRIDGE_HTTP_PORT: '" + v + "' is not a port number");
            }
        });
        value("MCP_BRIDGE_HTTP_TOKEN").ifPresent(v -> c.http.token = v);
        value("MCP_BRIDGE_HTTP_STATELESS").ifPresent(v -> c.http.stateless = Boolean.parseBoolean(v));
    }

    private java.util.Optional<String> value(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(v.trim());
    }

    private java.util.Optional<List<String>> list(String name) {
        return value(name).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }
}
