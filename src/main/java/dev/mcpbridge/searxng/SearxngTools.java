package dev.mcpbridge.searxng;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mcpbridge.core.spi.Arguments;
import dev.mcpbridge.core.spi.SettingsException;
import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.web.TextWindow;
import dev.mcpbridge.lib.web.UrlGuard;
import dev.mcpbridge.lib.web.WebFetcher;
import dev.mcpbridge.lib.web.WebMarkdown;
import dev.mcpbridge.lib.web.WebPages;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * The searxng adapter's tools, with mcp-searxng's names and arguments: web search over one or more SearXNG instances
 * (failover or fan-out with merged results), suggestions, instance info, and reading a web page as Markdown.
 */
public class SearxngTools {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final TextWindow WINDOW = new TextWindow("startChar", "maxLength", false);
    private static final String ACCEPT = "text/html,application/xhtml+xml,application/json,text/plain;q=0.9,*/*;q=0.5";

    private final SearxngSettings settings;
    private final SearxGateway gateway;
    private final WebPages pages;
    private final Cache<String, TextResult> cache;

    /** Builds the clients from the settings; a bad SEARXNG_URL stops start-up with its reason. */
    public SearxngTools(SearxngSettings settings) {
        this.settings = settings;
        List<SearxInstance> instances;
        try {
            instances = SearxInstance.parse(settings.url());
        } catch (ToolException e) {
            throw new SettingsException("url", e.getMessage());
        }
        UrlGuard guard = new UrlGuard(settings.allowPrivate(), UrlGuard.hostList(settings.allowHosts()),
                "the operator can allow this host with WEB_URL_READ_ALLOW_HOSTS, or every private address with "
                        + "WEB_URL_READ_ALLOW_PRIVATE");
        WebFetcher http = new WebFetcher(guard, settings.proxy(), Duration.ofMillis(Math.min(settings.timeoutMs(),
                10_000)), settings.userAgent());
        gateway = new SearxGateway(instances, http, Duration.ofMillis(settings.timeoutMs()));
        pages = new WebPages(http, null, Duration.ofMillis(settings.pageTimeoutMs()), settings.maxPageBytes());
        cache = Caffeine.newBuilder().maximumSize(settings.cacheSize())
                .expireAfterWrite(Duration.ofSeconds(Math.max(0, settings.cacheTtlSeconds()))).build();
    }

    /** searxng_web_search's arguments. */
    record WebSearch(String query, Integer pageno, String timeRange, String language, Object safesearch,
            Double minScore, Integer numResults, String categories, String engines, String responseFormat,
            String resultDetail) {

        boolean compact() {
            return "compact".equals(resultDetail);
        }

        boolean json() {
            return "json".equals(responseFormat);
        }
    }

    /**
     * searxng_web_search, first step: the request to send to the instances ({@link InstanceCalls}), or the answer
     * itself when the cache has it.
     */
    public Object searchCalls(Arguments arguments) {
        WebSearch args = arguments.as(WebSearch.class);
        String query = args.query().strip();
        if (query.isEmpty()) {
            throw new ToolException("query is empty");
        }
        Map<String, String> params = new TreeMap<>();
        params.put("q", query);
        params.put("format", "json");
        params.put("pageno", String.valueOf(args.pageno() == null ? 1 : args.pageno()));
        putIfPresent(params, "time_range", args.timeRange());
        putIfPresent(params, "language", args.language());
        putIfPresent(params, "safesearch", args.safesearch() instanceof Number n ? n.intValue() : args.safesearch());
        putIfPresent(params, "categories", normaliseList(args.categories()));
        putIfPresent(params, "engines", normaliseList(args.engines()));
        String key = settings.mode() + "|" + params + "|" + args.compact() + args.json() + args.minScore()
                + args.numResults();
        TextResult cached = settings.cacheTtlSeconds() > 0 ? cache.getIfPresent(key) : null;
        if (cached != null) {
            return cached;
        }
        return new InstanceCalls(gateway.instances(), "/search?" + query(params),
                settings.mode() == SearxngSettings.Mode.fanout, SearxngTools::everyEngineFailed, key);
    }

    /** searxng_web_search, last step: the answers of the instances merged, filtered, shown and cached. */
    public TextResult searchResult(@ExchangeProperty("calls") InstanceCalls calls,
            @ExchangeProperty("arguments") Arguments arguments) {
        WebSearch args = arguments.as(WebSearch.class);
        String query = args.query().strip();
        List<InstanceCalls.Answered> answered = calls.answers();
        if (answered.isEmpty()) {
            throw calls.allFailed();
        }
        SearchResults results = new SearchResults(query);
        if (calls.isFanout()) {
            answered.forEach(a -> results.add(a.instance(), a.json()));
            results.instanceFailures.addAll(calls.failures());
        } else {
            results.add(answered.get(0).instance(), answered.get(0).json());
        }
        results.filter(args.minScore(), args.numResults());
        Map<String, Object> data = results.toData(args.compact());
        TextResult result = new TextResult(args.json() ? toJson(data) : results.toText(args.compact()), data);
        if (settings.cacheTtlSeconds() > 0 && !results.results.isEmpty()) {
            cache.put(calls.cacheKey(), result);
        }
        return result;
    }

    /**
     * One instance's part of {@code direct:searxng.ask_instances}: asks it, and says what it answered.
     *
     * @param index the instance's position in the list (the same instance may be listed twice)
     */
    public InstanceCalls.Outcome ask(SearxInstance instance, @ExchangeProperty(Exchange.SPLIT_INDEX) int index,
            @ExchangeProperty("calls") InstanceCalls calls) {
        return gateway.ask(instance, index, calls);
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

    /** searxng_search_suggestions, first step: the autocompleter request, asked by failover. */
    public InstanceCalls suggestionCalls(Arguments args) {
        Map<String, String> params = new TreeMap<>();
        params.put("q", args.requiredAllowEmpty("query").strip());
        putIfPresent(params, "language", args.str("language"));
        return new InstanceCalls(gateway.instances(), "/autocompleter?" + query(params), false, (i, j) -> null, null);
    }

    /** searxng_search_suggestions, last step: the first instance's suggestions. */
    public TextResult suggestionsResult(@ExchangeProperty("calls") InstanceCalls calls,
            @ExchangeProperty("arguments") Arguments args) {
        String query = args.requiredAllowEmpty("query").strip();
        InstanceCalls.Answered a = calls.first();
        List<String> suggestions = new ArrayList<>();
        JsonNode json = a.json();
        // SearXNG answers either [query, [suggestions]] (OpenSearch style) or a plain list.
        JsonNode list = json.isArray() && json.size() == 2 && json.get(1).isArray() ? json.get(1) : json;
        list.forEach(s -> {
            if (s.isValueNode()) {
                suggestions.add(WebMarkdown.clean(s.asText()));
            }
        });
        String text = suggestions.isEmpty() ? "No suggestions for \"" + query + "\" (the instance may have "
                + "autocomplete turned off)" : String.join("\n", suggestions);
        return new TextResult(text, Map.of("query", query, "suggestions", suggestions, "served_by",
                a.instance().toString()));
    }

    /** searxng_instance_info, first step: every instance's /config, asked at once. */
    public InstanceCalls instanceInfoCalls() {
        return new InstanceCalls(gateway.instances(), "/config", true, (i, j) -> null, null);
    }

    /** searxng_instance_info, last step: each instance described, and those that did not answer. */
    public TextResult instanceInfoResult(@ExchangeProperty("calls") InstanceCalls calls,
            @ExchangeProperty("arguments") Arguments args) {
        boolean includeEngines = args.bool("includeEngines", false);
        boolean includeDisabled = args.bool("includeDisabled", false);
        String category = args.str("category");
        List<Map<String, Object>> instances = new ArrayList<>();
        calls.answers().forEach(a -> instances.add(describe(a.instance(), a.json(), includeEngines, includeDisabled,
                category)));
        List<String> failures = calls.failures();
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

    /** web_url_read's arguments. */
    record UrlRead(String url, Integer startChar, Integer maxLength, String section, String paragraphRange,
            Boolean readHeadings) {
    }

    /** web_url_read: no route of its own, the loader binds the tool to this method. */
    public String webUrlRead(UrlRead args) {
        boolean headings = Boolean.TRUE.equals(args.readHeadings());
        String section = args.section();
        String range = args.paragraphRange();
        if (headings && (section != null || range != null)) {
            throw new ToolException("readHeadings cannot be combined with section or paragraphRange");
        }
        int start = args.startChar() == null ? 0 : args.startChar();
        Integer max = args.maxLength();
        WebFetcher.Answer page = pages.get(args.url(), Map.of("Accept", ACCEPT));
        String text = markdown(page);
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
        text = WINDOW.of(text, start, max == null ? null : max.longValue());
        return page.truncated() ? text + pages.truncatedNote() : text;
    }

    /** The page as web_url_read shows it: HTML as Markdown, JSON pretty-printed, other text as it is. */
    private static String markdown(WebFetcher.Answer page) {
        String type = page.mediaType();
        if (WebMarkdown.isHtml(type)) {
            return WebMarkdown.html(page.document(), WebMarkdown.Reading.LANDMARKS);
        }
        if (type.equals("application/json") || type.endsWith("+json")) {
            return WebMarkdown.json(page.text());
        }
        if (type.startsWith("text/") || type.endsWith("+xml") || type.equals("application/xml")
                || type.equals("application/yaml") || type.equals("application/toml")) {
            return page.text();
        }
        throw new ToolException("the page is " + type + ", which web_url_read does not turn into text");
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
