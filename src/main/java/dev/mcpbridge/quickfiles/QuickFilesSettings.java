package dev.mcpbridge.quickfiles;

/**
 * The adapter's settings, bound at start-up from adapters/quickfiles.yaml.
 *
 * @param directories allowed directories, one per line (kept as text: a directory name may hold a comma)
 * @param roots what the client's MCP roots do
 * @param windowsRules refuse Windows-only path forms: auto (on Windows), true or false
 * @param maxFileBytes largest file read whole, searched or rewritten
 */
public record QuickFilesSettings(String directories, Roots roots, String windowsRules, long maxFileBytes) {

    /** Client roots are added to the directories, replace them, or are ignored. */
    public enum Roots { add, replace, ignore }
}
