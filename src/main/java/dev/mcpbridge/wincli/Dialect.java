package dev.mcpbridge.wincli;

/** A shell grammar: how a command line is split into commands and constructs. */
public enum Dialect {
    BASH, SH, CMD, POWERSHELL;

    ParsedLine parse(String line) {
        return switch (this) {
            case BASH -> BashParser.parse(line, false);
            case SH -> BashParser.parse(line, true);
            case CMD -> CmdParser.parse(line);
            case POWERSHELL -> PowerShellParser.parse(line);
        };
    }
}
