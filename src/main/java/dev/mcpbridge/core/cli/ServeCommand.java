package dev.mcpbridge.core.cli;

import dev.mcpbridge.core.app.Bridge;
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
        bridge.camel().started().exceptionally(e -> {
            log.error("cannot start: {}", e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            System.exit(2);
            return null;
        });
        Runtime.getRuntime().addShutdownHook(new Thread(bridge::close, "shutdown"));
        log.info("serving {} tool(s) from adapter(s) {} over {}", bridge.registry().tools().size(),
                bridge.served().stream().map(a -> a.name()).toList(), serve.transport);
        if (serve.transport == ServeOptions.Transport.http) {
            bridge.startCamelInBackground();
            List<McpServerFactory.Served> perAdapter = bridge.served().stream().map(bridge::only).toList();
            HttpServer http = new HttpServer(bridge.serverFactory(), McpJsonDefaults.getMapper(), config.http,
                    bridge.all(), perAdapter);
            // Registered before start: a SIGTERM right after the "MCP over HTTP on" line must not find it missing.
            Runtime.getRuntime().addShutdownHook(new Thread(http::close, "http-shutdown"));
            http.start().join();
            return 0;
        }
        new StdioServer(bridge.serverFactory(), McpJsonDefaults.getMapper(), serve.maxLineBytes)
                .run(bridge.all(), new FileInputStream(FileDescriptor.in), protocolOut, bridge::startCamelInBackground);
        return 0;
    }
}
