package dev.mcpbridge.core.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bridge's configuration as read from {@code mcp-bridge.yaml}; {@link ConfigLoader} applies the environment
 * over it and the command line applies its flags over both.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public class BridgeConfig {

    /** Adapters to serve; empty means every adapter found. */
    public List<String> adapters = new ArrayList<>();
    /** Adapters never to serve. */
    public List<String> disabledAdapters = new ArrayList<>();
    /** Extra folders holding {@code adapters/} and {@code routes/} of user-written adapters. */
    public List<String> adapterFolders = new ArrayList<>();
    /** Only these tools (by exposed name); empty means all. */
    public List<String> tools = new ArrayList<>();
    public List<String> excludeTools = new ArrayList<>();
    /** Hide every tool not marked readOnlyHint. */
    public boolean readOnly;
    /**
     * Discovery mode: {@code tools/list} shows only search_tools, describe_tools and call_tool, which find,
     * describe and run the served tools on demand (see docs/discovery.md).
     */
    public boolean discovery;
    /** Default timeout of one tool call. */
    public String timeout = "60s";
    /** Per-tool timeouts by exposed tool name, overriding the descriptor's and the global one. */
    public Map<String, String> toolTimeouts = new LinkedHashMap<>();
    /** Adapter settings: adapter name, then setting name, then value. */
    public Map<String, Map<String, Object>> settings = new LinkedHashMap<>();
    public Http http = new Http();
    /** The OAuth 2.1 resource server: off until an issuer is given. */
    public OAuth oauth = new OAuth();
    /** Which tools each caller may see and call (see docs/oauth.md). */
    public Access access = new Access();
    /** How many tool calls each caller may make per window, and have running at once. */
    public Limits limits = new Limits();
    /**
     * Named tool sets, each served at {@code /mcp/p/<name>} on HTTP and chosen with {@code --profile} on stdio, so
     * that each mode of an agent sees only its tools (see docs/discovery.md).
     */
    public Map<String, Profile> profiles = new LinkedHashMap<>();
    /** The audit log of every tool call (JSON lines), or null for none; {@code ~/} is the user's home. */
    public String auditLog;
    /** Where each field was set (file position, variable or flag), for error messages; not a field of the file. */
    private ConfigOrigins origins = new ConfigOrigins();

    public ConfigOrigins origins() {
        return origins;
    }

    void origins(ConfigOrigins origins) {
        this.origins = origins;
    }
    /** The file this was read from, if any: an adapter restart reads its settings there again. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public java.nio.file.Path source;

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static class Http {
        public String bind = "127.0.0.1";
        public int port = 3000;
        /** Bearer token clients must send; required for a non-loopback bind. Prefer the environment variable. */
        public String token;
        /**
         * More static bearer tokens, by name (the name is what rules and the audit log see); a value may be
         * {@code env:VARIABLE} or {@code file:PATH} instead of the token itself. {@code token} is named "default".
         */
        public java.util.Map<String, String> tokens = new LinkedHashMap<>();
        /** The URL clients reach this bridge at (behind a proxy, the proxy's); the OAuth audience by default. */
        public String publicUrl;
        /** Extra Origin values accepted besides loopback ones, e.g. https://my-ide.example. */
        public List<String> allowedOrigins = new ArrayList<>();
        /** Extra Host header values accepted besides loopback ones and the bind address. */
        public List<String> allowedHosts = new ArrayList<>();
        /** Largest request body accepted, in bytes. */
        public int maxRequestBytes = 4 * 1024 * 1024;
        /**
         * Serve Streamable HTTP without sessions, so that any instance behind a load balancer can answer any request;
         * what needs a session (asking the client, progress, logging to the client, legacy SSE) is then unavailable.
         */
        public boolean stateless;
        /** On SIGTERM, how long calls already running may take to finish before the instance exits anyway. */
        public String shutdownTimeout = "30s";
    }

    /** One profile: a narrower view of the tools the bridge serves, never a wider one. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public static class Profile {
        /** Only these served adapters' tools; empty means every served adapter. */
        public List<String> adapters = new ArrayList<>();
        /** Only these tools (exposed or declared names); empty means all of the adapters'. */
        public List<String> tools = new ArrayList<>();
        public List<String> excludeTools = new ArrayList<>();
        /** Only the tools marked readOnlyHint. */
        public boolean readOnly;
        /** Discovery mode for this profile; unset means as the bridge ({@code discovery}). */
        public Boolean discovery;
        /** A tool's title or description replaced in this profile, by the tool's exposed name. */
        public Map<String, ToolOverride> overrides = new LinkedHashMap<>();
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static class ToolOverride {
        public String title;
        public String description;
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static class OAuth {
        /** The authorization server's issuer URL; its metadata and keys are found from it. */
        public String issuer;
        /** The resource identifier tokens must name in {@code aud}; default {@code http.publicUrl}. */
        public String audience;
        /** Scopes every token must carry. */
        public List<String> scopes = new ArrayList<>();
        /** The claim holding the caller's groups ({@code roles} is read too). */
        public String groupsClaim = "groups";
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static class Access {
        /**
         * What a token or OAuth caller may call when no rule that matches it has an {@code allow:}: {@code allow}
         * or {@code deny}; unset means deny when OAuth is on, allow otherwise. The local user is always allowed then.
         */
        @com.fasterxml.jackson.annotation.JsonProperty("default")
        public String fallback;
        /** Every rule whose caller matches applies; a tool any of them denies is denied. */
        public List<Rule> rules = new ArrayList<>();
    }

    /** One rule: whom it is for, what it allows and what it denies (either may be left out, not both). */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public static class Rule {
        public Callers caller = new Callers();
        public Tools allow;
        public Tools deny;
    }

    /** Whom a rule is for: every field given must match; a list matches any of its items; none given, anyone. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public static class Callers {
        /** Static token names ({@code http.token} is {@code default}). */
        public List<String> token = new ArrayList<>();
        /** OAuth subjects ({@code sub}). */
        public List<String> sub = new ArrayList<>();
        /** OAuth clients ({@code client_id} or {@code azp}). */
        public List<String> client = new ArrayList<>();
        /** OAuth scopes: the token carries one of them. */
        public List<String> scope = new ArrayList<>();
        /** Groups or roles ({@code oauth.groupsClaim}, {@code roles}): the token carries one of them. */
        public List<String> group = new ArrayList<>();
        /** true: the local user only (stdio, loopback without tokens); false: every caller but the local user. */
        public Boolean local;
    }

    /** Which tools: every field given must match; none given, every tool. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public static class Tools {
        public List<String> adapters = new ArrayList<>();
        /** Toolsets of the adapters that group their tools (github's {@code repos}, {@code issues}, ...). */
        public List<String> toolsets = new ArrayList<>();
        /** Exposed tool names or globs ({@code read_*}, {@code github_?et_*}). */
        public List<String> tools = new ArrayList<>();
        /** true: only tools marked readOnlyHint; false: only tools not so marked. */
        public Boolean readOnly;
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static class Limits {
        /** Tool calls one caller may make per {@code window}; 0 means no limit. */
        public int calls;
        /** The window {@code calls} counts over, e.g. {@code 1m}. */
        public String window = "1m";
        /** Tool calls one caller may have running at once; 0 means no limit. */
        public int inFlight;
    }
}
