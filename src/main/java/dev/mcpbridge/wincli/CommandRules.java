package dev.mcpbridge.wincli;

import dev.mcpbridge.core.spi.SettingsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command policy built from the settings, shared by local and SSH commands: every line is checked with its
 * shell's grammar before anything runs.
 */
public class CommandRules {

    private final CommandPolicy policy;

    public CommandRules(WinCliSettings settings) {
        CommandPolicy.Mode mode = switch (settings.policy().strip().toLowerCase(Locale.ROOT)) {
            case "allowlist", "" -> CommandPolicy.Mode.ALLOWLIST;
            case "blocklist" -> CommandPolicy.Mode.BLOCKLIST;
            default -> throw new SettingsException("policy", "must be allowlist or blocklist, not '"
                    + settings.policy() + "'");
        };
        List<String> blockedArgs = WinCliValues.list(settings.blockedArguments(), mode == CommandPolicy.Mode.BLOCKLIST
                ? CommandNames.WIN_CLI_BLOCKED_ARGUMENTS : List.of());
        List<String> operators = new ArrayList<>();
        String allowedOperators = settings.allowedOperators();
        for (String op : allowedOperators == null ? new String[0] : allowedOperators.strip().split("[,\\s]+")) {
            if (!op.isBlank() && !op.equalsIgnoreCase("none")) {
                operators.add(op);
            }
        }
        try {
            policy = new CommandPolicy(mode, WinCliValues.list(settings.allowedCommands(), CommandNames.DEFAULT_ALLOWED),
                    WinCliValues.list(settings.blockedCommands(), CommandNames.DEFAULT_BLOCKED), blockedArgs,
                    settings.enableInjectionProtection(), operators, settings.maxCommandLength());
        } catch (IllegalArgumentException e) {
            // CommandPolicy names the setting first ("allowedOperators: ...").
            String message = e.getMessage() == null ? "" : e.getMessage();
            int colon = message.indexOf(": ");
            throw colon > 0 ? new SettingsException(message.substring(0, colon), message.substring(colon + 2))
                    : new SettingsException("policy", message);
        }
    }

    ParsedLine check(Dialect dialect, String command) {
        return policy.check(dialect, command);
    }

    Map<String, Object> describe() {
        return policy.describe();
    }
}
