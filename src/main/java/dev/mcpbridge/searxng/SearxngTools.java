package dev.mcpbridge.searxng;

import dev.mcpbridge.core.spi.UrlGuard;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.ExchangeProperty;

/**
 * The searxng adapter's tools, with mcp-searxng's names and arguments: web search over one or more SearXNG instances
 * (failover or fan-out with merged results), suggestions, instance info, and reading a web page as Markdown.
 */
public class SearxngTools {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private String url = "";
    private SearxGateway.Mode mode = SearxGateway.Mode.failover;
    private long timeoutMs = 10_000;
    private long cacheTtlSeconds = 60;
    private long cacheSize = 500;
    private String proxy = "";
    private String userAgent = "mcp-bridge";
    private boolean allowPrivate;
    private java.util.Set<String> allowHosts = java.util.Set.of();
    private long maxPageBytes = 5L * 1024 * 1024;
    private long pageTimeoutMs = 15_000;

    private SearxGateway gateway;
    private PageReader pages;
    private Cache<String, TextResult> cache;

    public void setUrl(String url) {
        this.url = url;
    }

    public void setMode(String mode) {
        try {
            this.mode = SearxGateway.Mode.valueOf(mode.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("searxng.mode must be failover or fanout, not '" + mode + "'");
        }
    }

    public void setTimeoutMs(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    public void setCacheTtlSeconds(long cacheTtlSeconds) {
        this.cacheTtlSeconds = cacheTtlSeconds;
    }

    public void setCacheSize(long cacheSize) {
        this.cacheSize = cacheSize;
    }

    public void setProxy(String proxy) {
        this.proxy = proxy;
    }

    public void setUserAgent(String userAgent) {
        this.userAgent = userAgent.isBlank() ? "mcp-bridge" : userAgent;
    }

    public void setAllowPrivate(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Comma-separated host names (or host:port) web_url_read may read although they are private. */
    public void setAllowHosts(String hosts) {
        java.util.Set<String> set = new java.util.HashSet<>();
        for (String h : hosts.split("[,\\s]+")) {
            if (!h.isBlank()) {
                set.add(h.strip().toLowerCase(Locale.ROOT));
            }
        }
        this.allowHosts = java.util.Set.copyOf(set);
    }

    public void setMaxPageBytes(long maxPageBytes) {
        this.maxPageBytes = maxPageBytes;
    }

    public void setPageTimeoutMs(long pageTimeoutMs) {
        this.pageTimeoutMs = pageTimeoutMs;
    }

    /** Builds the clients from the settings; a bad SEARXNG_URL stops start-up with its reason. */
    public void init() {
        SearxHttp http = new SearxHttp(proxy, Duration.ofMillis(Math.min(timeoutMs, 10_000)), userAgent);
        ExecutorService fanout = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "searxng-fanout");
            t.setDaemon(true);
            return t;
        });
        gateway = new SearxGateway(SearxInstance.parse(url), http, Duration.ofMillis(timeoutMs), fanout);
        pages = new PageReader(http, new UrlGuard(allowPrivate, allowHosts, "the operator can allow this host with "
                + "WEB_URL_READ_ALLOW_HOSTS, or every private address with WEB_URL_READ_ALLOW_PRIVATE"), Duration.ofMillis(pageTimeoutMs), maxPageBytes);
        cache = Caffeine.newBuilder().maximumSize(cacheSize)
                .expireAfterWrite(Duration.ofSeconds(Math.max(0, cacheTtlSeconds))).build();
    }

    public TextResult webSearch(Map<String, Object> args, @ExchangeProperty(ToolCallContext.PROPERTY) ToolCallContext ctx) {
        String query = String.valueOf(args.get("query")).strip();
        if (query.isEmpty()) {
            throw new ToolException("query is empty");
        }
        Map<String, String> params = new TreeMap<>();
        params.put("q", query);
        params.put("format", "json");
        params.put("pageno", String.valueOf(args.get("pageno") instanceof Number n ? n.intValue() : 1));
        putIfPresent(params, "time_range", args.get("time_range"));
        putIfPresent(params, "language", args.get("language"));
        putIfPresent(params, "safesearch", args.get("safesearch") instanceof Number n ? n.intValue()
                : args.get("safesearch"));
        putIfPresent(params, "categories", normaliseList(args.get("categories")));
        putIfPresent(params, "engines", normaliseList(args.get("engines")));
        boolean compact = "compact".equals(args.get("result_detail"));
        boolean json = "json".equals(args.get("response_format"));
        Double minScore = args.get("min_score") instanceof Number n ? n.doubleValue() : null;
        Integer max = args.get("num_results") instanceof Number n ? n.intValue() : null;
        String key = mode + "|" + params + "|" + compact + json + minScore + max;
        TextResult cached = cacheTtlSeconds > 0 ? cache.getIfPresent(key) : null;
        if (cached != null) {
            return cached;
        }
        String path = "/search?" + query(params);
        SearchResults results = new SearchResults(query);
        if (mode == SearxGateway.Mode.fanout) {
            List<SearxGateway.Answered> answered = new ArrayList<>();
            Map<String, Object> outcome = gateway.fanout(path, SearxngTools::everyEngineFailed, answered);
            answered.forEach(a -> results.add(a.instance(), a.json()));
            @SuppressWarnings("unchecked")
            List<String> failures = (List<String>) outcome.get("failures");
            results.instanceFailures.addAll(failures);
        } else {
            SearxGateway.Answered a = gateway.failover(path, SearxngTools::everyEngineFailed);
            results.add(a.instance(), a.json());
        }
        results.filter(minScore, max);
        Map<String, Object> data = results.toData(compact);
        TextResult result = new TextResult(json ? toJson(data) : results.toText(compact), data);
        if (cacheTtlSeconds > 0 && !results.results.isEmpty()) {
            cache.put(key, result);
        }
        return result;
    }

    /** A 200 answer with no results while engines report failures is a failure, not an empty search. */
    private static String everyEngineFailed(SearxInstance instance, JsonNode json) {
        JsonNode unresponsive = json.path("unresponsive_engines");
        if (json.path("results").size() == 0 && unresponsive.size() > 0 && json.path("answers").size() == 0
                && json.path("infoboxes").size() == 0) {
            List<String> reasons = new ArrayList<>();
            unresponsive.forEach(u -> reasons.add(u.isArray() ? u.path(0).asText() + " (" + u.path(1).asText() + ")"
                    : u.asText()));
            return "every engine failed: " + String.join(", ", reasons);
        }
        return null;
    }

    public TextResult searchSuggestions(Map<String, Object> args) {
        String query = String.valueOf(args.get("query")).strip();
        Map<String, String> params = new TreeMap<>();
        params.put("q", query);
        putIfPresent(params, "language", args.get("language"));
        SearxGateway.Answered a = gateway.failover("/autocompleter?" + query(params), (i, j) -> null);
        List<String> suggestions = new ArrayList<>();
        JsonNode json = a.json();
        // SearXNG answers either [query, [suggestions]] (OpenSearch style) or a plain list.
        JsonNode list = json.isArray() && json.size() == 2 && json.get(1).isArray() ? json.get(1) : json;
        list.forEach(s -> {
            if (s.isValueNode()) {
                suggestions.add(Text.clean(s.asText()));
            }
        });
        String text = suggestions.isEmpty() ? "No suggestions for \"" + query + "\" (the instance may have "
                + "autocomplete turned off)" : String.join("\n", suggestions);
        return new TextResult(text, Map.of("query", query, "suggestions", suggestions, "served_by",
                a.instance().toString()));
    }

    public TextResult instanceInfo(Map<String, Object> args) {
        boolean includeEngines = Boolean.TRUE.equals(args.get("includeEngines"));
        boolean includeDisabled = Boolean.TRUE.equals(args.get("includeDisabled"));
        String category = args.get("category") == null ? null : String.valueOf(args.get("category"));
        List<Map<String, Object>> instances = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (SearxInstance instance : gateway.instances()) {
            try {
                JsonNode config = gateway.fetch(instance, "/config");
                instances.add(describe(instance, config, includeEngines, includeDisabled, category));
            } catch (InstanceFailure e) {
                failures.add(instance + ": " + e.getMessage());
            }
        }
        if (instances.isEmpty()) {
            throw new ToolException("No SearXNG instance answered /config:\n- " + String.join("\n- ", failures));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("instances", instances);
        data.put("failures", failures);
        return new TextResult(toJson(data), data);
    }

    private static Map<String, Object> describe(SearxInstance instance, JsonNode config, boolean includeEngines,
            boolean includeDisabled, String category) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("url", instance.toString());
        if (config.hasNonNull("version")) {
            info.put("version", config.path("version").asText());
        }
        List<String> categories = new ArrayList<>();
        config.path("categories").forEach(c -> categories.add(c.asText()));
        info.put("categories", category == null ? categories
                : categories.stream().filter(c -> c.equalsIgnoreCase(category)).toList());
        List<String> enabled = new ArrayList<>();
        List<String> disabled = new ArrayList<>();
        config.path("engines").forEach(e -> {
            boolean inCategory = category == null;
            for (JsonNode c : e.path("categories")) {
                inCategory |= c.asText().equalsIgnoreCase(category);
            }
            if (inCategory) {
                (e.path("enabled").asBoolean(true) ? enabled : disabled).add(e.path("name").asText());
            }
        });
        info.put("engine_count", enabled.size());
        if (includeEngines) {
            info.put("engines", enabled);
            if (includeDisabled) {
                info.put("disabled_engines", disabled);
            }
        }
        if (config.has("default_locale")) {
            info.put("default_locale", config.path("default_locale").asText());
        }
        List<String> plugins = new ArrayList<>();
        config.path("plugins").forEach(p -> plugins.add(p.path("name").asText(p.asText())));
        info.put("plugins", plugins);
        if (config.has("autocomplete")) {
            info.put("autocomplete", config.path("autocomplete").asText());
        }
        return info;
    }

    public String urlRead(Map<String, Object> args) {
        String target = String.valueOf(args.get("url"));
        boolean headings = Boolean.TRUE.equals(args.get("readHeadings"));
        String section = args.get("section") == null ? null : String.valueOf(args.get("section"));
        String range = args.get("paragraphRange") == null ? null : String.valueOf(args.get("paragraphRange"));
        if (headings && (section != null || range != null)) {
            throw new ToolException("readHeadings cannot be combined with section or paragraphRange");
        }
        int start = args.get("startChar") instanceof Number n ? n.intValue() : 0;
        Integer max = args.get("maxLength") instanceof Number n ? n.intValue() : null;
        PageReader.Page page = pages.read(target);
        String text = page.markdown();
        if (headings) {
            text = MarkdownView.outline(text);
        } else {
            if (section != null) {
                text = MarkdownView.section(text, section);
            }
            if (range != null) {
                text = MarkdownView.paragraphs(text, range);
            }
        }
        text = MarkdownView.window(text, start, max);
        if (page.truncated()) {
            text += "\n\n[The page is larger than " + maxPageBytes + " bytes; only its beginning was read]";
        }
        return text;
    }

    private static void putIfPresent(Map<String, String> params, String name, Object value) {
        if (value != null && !String.valueOf(value).isBlank()) {
            params.put(name, String.valueOf(value).strip());
        }
    }

    private static String normaliseList(Object value) {
        if (value == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String p : String.valueOf(value).split(",")) {
            if (!p.isBlank()) {
                parts.add(p.strip().toLowerCase(Locale.ROOT));
            }
        }
        return String.join(",", parts);
    }

    private static String query(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }

    private static String toJson(Object data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
