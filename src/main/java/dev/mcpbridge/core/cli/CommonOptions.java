package dev.mcpbridge.core.cli;

import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.config.ConfigException;
import dev.mcpbridge.core.config.ConfigLoader;
import dev.mcpbridge.core.config.ConfigOrigins;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command shares: where the configuration is and which adapters and tools to serve. */
public class CommonOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: ./mcp-bridge.yaml, else ~/.mcp-bridge/mcp-bridge.yaml).")
    Path config;

    @Option(names = {"--adapter", "--adapters"}, split = ",", paramLabel = "NAME",
            description = "Serve only these adapters (repeatable or comma-separated).")
    List<String> adapters = new ArrayList<>();

    @Option(names = "--disable-adapter", split = ",", paramLabel = "NAME", description = "Never serve these adapters.")
    List<String> disabledAdapters = new ArrayList<>();

    @Option(names = "--adapters-dir", paramLabel = "DIR",
            description = "A folder of user adapters (with adapters/ and routes/ inside); repeatable.")
    List<String> adapterFolders = new ArrayList<>();

    @Option(names = "--tools", split = ",", paramLabel = "TOOL", description = "Serve only these tools.")
    List<String> tools = new ArrayList<>();

    @Option(names = "--exclude-tools", split = ",", paramLabel = "TOOL", description = "Never serve these tools.")
    List<String> excludeTools = new ArrayList<>();

    @Option(names = "--read-only", description = "Serve only tools marked readOnlyHint.")
    Boolean readOnly;

    @Option(names = "--discovery", description = "List only search_tools, describe_tools and call_tool, which find "
            + "and run the served tools on demand (MCP_BRIDGE_DISCOVERY).")
    Boolean discovery;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Default timeout of a tool call (e.g. 60s).")
    String timeout;

    @Option(names = "--set", paramLabel = "ADAPTER.SETTING=VALUE",
            description = "Set an adapter setting, over the environment and the file; repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "Log level on stderr: error, warn, info, debug.")
    String logLevel;

    /** The file's configuration, with the environment over it and these flags over both. */
    BridgeConfig load(Map<String, String> env) {
        BridgeConfig c = new ConfigLoader(env).load(config);
        ConfigOrigins origins = c.origins();
        if (!adapters.isEmpty()) {
            c.adapters = adapters;
            origins.setBy("adapters", "--adapter");
        }
        if (!disabledAdapters.isEmpty()) {
            c.disabledAdapters = disabledAdapters;
            origins.setBy("disabledAdapters", "--disable-adapter");
        }
        List<String> folders = new ArrayList<>(c.adapterFolders);
        folders.addAll(adapterFolders);
        c.adapterFolders = folders;
        if (!tools.isEmpty()) {
            c.tools = tools;
            origins.setBy("tools", "--tools");
        }
        if (!excludeTools.isEmpty()) {
            c.excludeTools = excludeTools;
            origins.setBy("excludeTools", "--exclude-tools");
        }
        if (readOnly != null) {
            c.readOnly = readOnly;
        }
        if (discovery != null) {
            c.discovery = discovery;
        }
        if (timeout != null) {
            c.timeout = timeout;
            origins.setBy("timeout", "--timeout");
        }
        for (String key : settings.keySet()) {
            int dot = key.indexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                throw new ConfigException("--set " + key + ": write ADAPTER.SETTING=VALUE, e.g. --set "
                        + "filesystem.allowDelete=true");
            }
        }
        return c;
    }
}
