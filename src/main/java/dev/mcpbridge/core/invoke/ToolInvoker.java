package dev.mcpbridge.core.invoke;

import dev.mcpbridge.core.auth.AccessRules;
import dev.mcpbridge.core.auth.CallLimits;
import dev.mcpbridge.core.auth.Caller;
import dev.mcpbridge.core.pipeline.CallFailure;
import dev.mcpbridge.core.pipeline.CallPipeline;
import dev.mcpbridge.core.pipeline.Failures;
import dev.mcpbridge.core.spi.PathSegments;
import dev.mcpbridge.core.registry.RegisteredTool;
import dev.mcpbridge.core.spi.Secrets;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Runs one tool call: validates the arguments against the tool's input schema, sends them through Camel to the
 * tool's endpoint on a worker thread, and maps the answer. Every call has a timeout; a timed-out or cancelled call
 * interrupts its worker and marks its context cancelled. Whatever happens, the caller gets a {@link CallToolResult}.
 * The access rules are checked here again, after the list that hid the tool, so that no path (a client that calls
 * a name it was not shown, a 2026-07-28 request, a workflow's step) gets around them; and the caller's calls in
 * flight are counted here, where a call really ends (a legacy SSE POST is answered before its call even starts).
 */
public final class ToolInvoker {

    private static final Logger LOG = LoggerFactory.getLogger("mcp-bridge.calls");

    private final CamelCaller caller;
    private final JsonSchemaValidator validator;
    private final ResultMapper mapper;
    private final Secrets secrets;
    private final Failures failures;
    private final AccessRules access;
    private final CallLimits limits;

    public ToolInvoker(CamelCaller caller, JsonSchemaValidator validator, ResultMapper mapper, Secrets secrets,
            AccessRules access, CallLimits limits) {
        this.access = access;
        this.limits = limits;
        this.caller = caller;
        this.validator = validator;
        this.mapper = mapper;
        this.secrets = secrets;
        this.failures = new Failures(secrets);
    }

    /** The rules this invoker enforces, which a tools/list hides by too. */
    public AccessRules access() {
        return access;
    }

    public Mono<CallToolResult> call(RegisteredTool tool, Map<String, Object> arguments, CallContext context) {
        Caller who = context.caller();
        if (!access.allows(who, tool)) {
            logCall(tool, System.nanoTime(), "refused for " + who.describe() + " by the access rules");
            return Mono.just(ResultMapper.error(AccessRules.refusal(who, tool)));
        }
        if (context.parentCall() != null) {
            // A workflow's step is part of its workflow's call, which holds the caller's slot already.
            return run(tool, arguments, context);
        }
        return Mono.defer(() -> {
            java.util.Optional<Runnable> slot = limits.enter(who);
            if (slot.isEmpty()) {
                logCall(tool, System.nanoTime(), "refused for " + who.describe() + ": too many calls in flight");
                return Mono.just(ResultMapper.error(limits.busy(who)));
            }
            Runnable release = slot.get();
            // Freed before the result goes on, so that a caller's next call, sent once it has the result, is let in.
            return run(tool, arguments, context).doOnSuccess(result -> release.run())
                    .doOnError(e -> release.run()).doOnCancel(release);
        });
    }

    private Mono<CallToolResult> run(RegisteredTool tool, Map<String, Object> arguments, CallContext context) {
        Map<String, Object> args = withoutOptionalNulls(tool, arguments);
        long start = System.nanoTime();
        JsonSchemaValidator.ValidationResponse check = validator.validate(tool.spec().inputSchema(), args);
        if (!check.valid()) {
            CallToolResult invalid = ResultMapper.error(secrets.redact(
                    "Invalid arguments for tool '" + tool.exposedName() + "': " + check.errorMessage()));
            logCall(tool, start, "invalid arguments");
            return Mono.just(invalid);
        }
        return caller.request(CallPipeline.endpoint(tool.exposedName()), args, variables(args), context, tool.timeout())
                .map(body -> {
                    if (body instanceof CallFailure failure) {
                        if (failure.internal()) {
                            context.failedInternally(failure.message());
                        }
                        return ResultMapper.error(failure.message());
                    }
                    return mapper.map(tool.spec(), body);
                })
                .defaultIfEmpty(ResultMapper.text(""))
                .onErrorResume(e -> Mono.just(failure(tool, e)))
                .map(this::redact)
                .doOnNext(result -> logCall(tool, start, context.awaitingInput() ? "input required"
                        : Boolean.TRUE.equals(result.isError()) ? "error" : "ok"))
                .doOnCancel(() -> {
                    context.markCancelled();
                    logCall(tool, start, "cancelled");
                });
    }

    /**
     * An explicit {@code null} for an optional parameter means "not given", as the servers we replace read it
     * (their schemas say {@code T | null}); a null for a required one is left for the schema check to refuse. A
     * parameter whose own schema names {@code null} as a value (github's {@code issue_write type: null} clears the
     * type) keeps it: there null is an instruction, not an absence.
     */
    static Map<String, Object> withoutOptionalNulls(RegisteredTool tool, Map<String, Object> arguments) {
        Map<String, Object> args = new LinkedHashMap<>();
        if (arguments == null) {
            return args;
        }
        Object required = tool.spec().inputSchema().get("required");
        Object properties = tool.spec().inputSchema().get("properties");
        arguments.forEach((name, value) -> {
            if (value != null || required instanceof List<?> names && names.contains(name)
                    || properties instanceof Map<?, ?> props && takesNull(props.get(name))) {
                args.put(name, value);
            }
        });
        return args;
    }

    private static boolean takesNull(Object schema) {
        if (!(schema instanceof Map<?, ?> s)) {
            return false;
        }
        Object type = s.get("type");
        if ("null".equals(type) || type instanceof List<?> types && types.contains("null")) {
            return true;
        }
        return s.get("anyOf") instanceof List<?> alternatives && alternatives.stream().anyMatch(ToolInvoker::takesNull);
    }

    /**
     * Each argument as an exchange variable ({@code ${variable.name}}), and each scalar one also percent-encoded
     * as a URL path segment ({@code ${variable.path_name}}) for HTTP routes.
     */
    static Map<String, Object> variables(Map<String, Object> args) {
        Map<String, Object> variables = new LinkedHashMap<>(args);
        args.forEach((name, value) -> {
            String text = String.valueOf(value);
            // "." and ".." have no safe encoding: routes that put them in a path get an empty segment, never navigation.
            if ((value instanceof String || value instanceof Number || value instanceof Boolean)
                    && !text.isEmpty() && !text.equals(".") && !text.equals("..")) {
                variables.put("path_" + name, PathSegments.encode(text));
            }
        });
        return variables;
    }

    private CallToolResult failure(RegisteredTool tool, Throwable e) {
        if (e instanceof TimeoutException) {
            return ResultMapper.error("Tool '" + tool.exposedName() + "' timed out after "
                    + human(tool.timeout().toMillis()) + " and was stopped.");
        }
        return ResultMapper.error(failures.describe("Tool '" + tool.exposedName() + "'", e));
    }

    /** Secrets never leave in text, whatever a route or a remote service put there. */
    private CallToolResult redact(CallToolResult result) {
        if (secrets.isEmpty() || result.content() == null) {
            return result;
        }
        List<Content> parts = new ArrayList<>();
        for (Content part : result.content()) {
            parts.add(part instanceof TextContent t
                    ? new TextContent(t.annotations(), secrets.redact(t.text()), t.meta()) : part);
        }
        CallToolResult.Builder redacted = CallToolResult.builder().content(parts).isError(result.isError())
                .meta(result.meta());
        if (result.structuredContent() != null) {
            redacted.structuredContent(redactData(result.structuredContent()));
        }
        return redacted.build();
    }

    /** Structured data is redacted as its JSON text, so a secret nested anywhere in it is masked too. */
    private Object redactData(Object data) {
        try {
            String json = DATA.writeValueAsString(data);
            String masked = secrets.redact(json);
            return masked.equals(json) ? data : DATA.readValue(masked, Object.class);
        } catch (java.io.IOException e) {
            return data;
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper DATA = new com.fasterxml.jackson.databind.ObjectMapper();

    private static void logCall(RegisteredTool tool, long start, String outcome) {
        LOG.info("call {} ({}) {} ms {}", tool.exposedName(), tool.adapter(), (System.nanoTime() - start) / 1_000_000,
                outcome);
    }

    static String human(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
