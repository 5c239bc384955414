package dev.mcpbridge.core.cli;

import dev.mcpbridge.core.adapter.DescriptorException;
import dev.mcpbridge.core.app.Version;
import dev.mcpbridge.core.config.ConfigException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mcp-bridge [serve] | tools | call}: serving is the default command. */
@Command(name = "mcp-bridge", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "One MCP server for many services, each a declarative adapter on Apache Camel.",
        subcommands = {ServeCommand.class, ToolsCommand.class, CallCommand.class})
public final class Main implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    ServeOptions serve;

    @Override
    public Integer call() throws Exception {
        return new ServeCommand(common, serve).call();
    }

    public static void main(String[] args) {
        NonBlockingStderr.install();
        System.exit(commandLine(System.out, System.err).execute(args));
    }

    /** The command line with its output streams; configuration errors print one line and exit with 2. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException || e instanceof DescriptorException) {
                err.println("mcp-bridge: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        // A mistyped flag is one line and a pointer to --help, not the whole usage text.
        cli.setParameterExceptionHandler((e, args) -> {
            String hint = e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()
                    ? " (did you mean " + u.getSuggestions().get(0) + "?)" : "";
            err.println("mcp-bridge: " + e.getMessage().lines().findFirst().orElse("") + hint
                    + "; see mcp-bridge " + (e.getCommandLine().getParent() == null ? "" : e.getCommandLine()
                    .getCommandName() + " ") + "--help");
            return 2;
        });
        // `mcp-bridge --config x tools` would run `tools` without the file: picocli gives an option written before
        // a subcommand to the top command, which then does not run. Say where it goes instead of ignoring it.
        cli.setExecutionStrategy(parseResult -> {
            if (parseResult.hasSubcommand()) {
                List<String> before = parseResult.matchedOptions().stream()
                        .filter(o -> !o.usageHelp() && !o.versionHelp()).map(o -> o.longestName()).toList();
                if (!before.isEmpty()) {
                    String sub = parseResult.subcommand().commandSpec().name();
                    err.println("mcp-bridge: " + String.join(", ", before) + " must come after '" + sub + "': "
                            + "mcp-bridge " + sub + " " + before.get(0) + " ...");
                    return 2;
                }
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        return cli;
    }

    static void logLevel(String level) {
        if (level != null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        }
    }

    /** The version from the jar's manifest. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"mcp-bridge " + Version.current(), "Java " + System.getProperty("java.version")};
        }
    }
}
