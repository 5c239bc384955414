package dev.mcpbridge.core.cli;

import dev.mcpbridge.core.adapter.DescriptorException;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.app.ShutdownSequence;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.mcp.McpServerFactory;
import dev.mcpbridge.core.transport.HttpServer;
import dev.mcpbridge.core.transport.StdioServer;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Serves the selected adapters over stdio or HTTP until stdin ends or the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve MCP (the default command).")
public final class ServeCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    ServeOptions serve;

    public ServeCommand() {
    }

    ServeCommand(CommonOptions common, ServeOptions serve) {
        this.common = common;
        this.serve = serve;
    }

    @Override
    public Integer call() throws Exception {
        Main.logLevel(common.logLevel);
        // stdout is the protocol in stdio mode: anything printed by a library goes to stderr instead.
        FileOutputStream protocolOut = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        Logger log = LoggerFactory.getLogger(ServeCommand.class);
        BridgeConfig config = common.load(System.getenv());
        serve.apply(config);
        Bridge bridge = Bridge.create(config, common.settings, System.getenv(), serve.positional);
        // Chosen before anything is served: an unknown profile stops start-up with the known ones.
        McpServerFactory.Served stdio = serve.profile == null ? null : bridge.profile(serve.profile);
        bridge.camel().started().exceptionally(e -> {
            // The same one line as a configuration error found before serving: the client shows stderr.
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause() : e;
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getMessage().lines().findFirst().orElse("");
            System.err.println("mcp-bridge: " + (cause instanceof DescriptorException ? "" : "cannot start: ")
                    + message);
            log.debug("start-up failed", cause);
            System.exit(2);
            return null;
        });
        ShutdownSequence shutdown = ShutdownSequence.onExit().last(bridge::close);
        if (serve.transport == ServeOptions.Transport.http) {
            if (serve.profile != null) {
                throw new dev.mcpbridge.core.config.ConfigException("--profile chooses the profile on stdio; over "
                        + "HTTP every profile is served at /mcp/p/<name>: leave --profile out");
            }
            List<McpServerFactory.Served> perAdapter = bridge.served().stream().map(bridge::only).toList();
            // Built first: what it refuses (a token missing off loopback, a bad origin) stops start-up before
            // anything says "serving".
            dev.mcpbridge.core.auth.Authenticator auth = dev.mcpbridge.core.auth.AuthSetup.from(config,
                    System.getenv(), bridge.secrets());
            HttpServer http = new HttpServer(bridge.serverFactory(), McpJsonDefaults.getMapper(), config.http,
                    bridge.all(), perAdapter, auth, dev.mcpbridge.core.auth.CallLimits.from(config))
                    .profiles(bridge.profiles()).metrics(bridge.metrics()).readyWhen(bridge.camel().started());
            logServing(log, bridge);
            bridge.startCamelInBackground();
            // Registered before start: a SIGTERM right after the "MCP over HTTP on" line must not find it missing.
            // In-flight calls finish (bounded) before anything closes; then the server and the bridge close together.
            shutdown.first(http::drain).withLast(http::close);
            http.start();
            http.join();
            return 0;
        }
        logServing(log, bridge);
        new StdioServer(bridge.serverFactory(), McpJsonDefaults.getMapper(), serve.maxLineBytes)
                .run(stdio == null ? bridge.all() : stdio, new FileInputStream(FileDescriptor.in), protocolOut, bridge::startCamelInBackground);
        return 0;
    }

    private void logServing(Logger log, Bridge bridge) {
        log.info("serving {} tool(s) from adapter(s) {} over {}", bridge.registry().tools().size(),
                bridge.served().stream().map(a -> a.name()).toList(), serve.transport);
    }
}
