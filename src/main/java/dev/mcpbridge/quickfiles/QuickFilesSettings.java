package dev.mcpbridge.quickfiles;

/**
 * The adapter's settings, as declared in adapters/quickfiles.yaml.
 *
 * @param directories allowed directories, one per line
 * @param roots what the client's MCP roots do: add, replace or ignore
 * @param windowsRules refuse Windows-only path forms: auto, true or false
 * @param maxFileBytes largest file read whole, rewritten or searched
 */
public record QuickFilesSettings(String directories, String roots, String windowsRules, long maxFileBytes) {
}
