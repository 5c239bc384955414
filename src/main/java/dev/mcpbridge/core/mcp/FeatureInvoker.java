package dev.mcpbridge.core.mcp;

import dev.mcpbridge.core.adapter.AdapterDescriptor.PromptSpec;
import dev.mcpbridge.core.invoke.CallContext;
import dev.mcpbridge.core.invoke.CamelCaller;
import dev.mcpbridge.core.pipeline.Failures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Serves resources and prompts through their Camel endpoints. A route may answer a String (text), a byte[]
 * (binary), or the ready MCP result; failures become JSON-RPC errors with a safe message.
 */
public final class FeatureInvoker {

    private final CamelCaller caller;
    private final Failures failures;
    private final Duration timeout;

    public FeatureInvoker(CamelCaller caller, Failures failures, Duration timeout) {
        this.caller = caller;
        this.failures = failures;
        this.timeout = timeout;
    }

    Mono<McpSchema.ReadResourceResult> readResource(String endpoint, String uri, String mimeType, String uriTemplate,
            CallContext context) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("uri", uri);
        if (uriTemplate != null) {
            variables.putAll(UriTemplates.variables(uriTemplate, uri));
        }
        return caller.request(endpoint, uri, variables, context, timeout)
                .map(body -> toResource(uri, mimeType, body))
                .switchIfEmpty(Mono.error(() -> McpError.RESOURCE_NOT_FOUND.apply(uri)))
                .onErrorMap(e -> !(e instanceof McpError), e -> internal("resource " + uri, e));
    }

    Mono<McpSchema.GetPromptResult> getPrompt(PromptSpec prompt, Map<String, Object> arguments, CallContext context) {
        Map<String, Object> args = arguments == null ? new LinkedHashMap<>() : new LinkedHashMap<>(arguments);
        for (var argument : prompt.arguments()) {
            if (argument.required() && args.get(argument.name()) == null) {
                return Mono.error(McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                        .message("prompt '" + prompt.name() + "' needs the argument '" + argument.name() + "'").build());
            }
        }
        return caller.request(prompt.endpoint(), args, args, context, timeout)
                .map(body -> toPrompt(prompt, body))
                .onErrorMap(e -> !(e instanceof McpError), e -> internal("prompt " + prompt.name(), e));
    }

    private McpError internal(String what, Throwable e) {
        return McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message(failures.describe(what, e)).build();
    }

    private static McpSchema.ReadResourceResult toResource(String uri, String mimeType, Object body) {
        if (body instanceof McpSchema.ReadResourceResult ready) {
            return ready;
        }
        if (body instanceof McpSchema.ResourceContents contents) {
            return new McpSchema.ReadResourceResult(List.of(contents));
        }
        if (body instanceof byte[] bytes) {
            return new McpSchema.ReadResourceResult(List.of(new McpSchema.BlobResourceContents(uri,
                    mimeType == null ? "application/octet-stream" : mimeType, Base64.getEncoder().encodeToString(bytes))));
        }
        return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(uri,
                mimeType == null ? "text/plain" : mimeType, String.valueOf(body))));
    }

    private static McpSchema.GetPromptResult toPrompt(PromptSpec prompt, Object body) {
        if (body instanceof McpSchema.GetPromptResult ready) {
            return ready;
        }
        List<McpSchema.PromptMessage> messages = new ArrayList<>();
        if (body instanceof Collection<?> items) {
            for (Object item : items) {
                messages.add(message(item));
            }
        } else {
            messages.add(message(body));
        }
        return new McpSchema.GetPromptResult(prompt.description(), messages);
    }

    private static McpSchema.PromptMessage message(Object item) {
        if (item instanceof McpSchema.PromptMessage m) {
            return m;
        }
        if (item instanceof McpSchema.Content c) {
            return new McpSchema.PromptMessage(McpSchema.Role.USER, c);
        }
        String text = item instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(item);
        return new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.TextContent(text));
    }
}
