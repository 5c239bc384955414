package dev.mcpbridge.jinavigator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mcpbridge.core.spi.Arguments;
import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.web.Page;
import dev.mcpbridge.lib.web.RobotsPolicy;
import dev.mcpbridge.lib.web.UrlGuard;
import dev.mcpbridge.lib.web.WebFetcher;
import dev.mcpbridge.lib.web.WebPages;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * jinavigator-server's four tools and its {@code jina://} addressing: web pages as Markdown, read here by default
 * (main content extracted) or through Jina Reader, cached for a while, cut by lines and by characters; several pages
 * at once with bounded concurrency, a per-URL timeout and progress; and the outline of pages' headings.
 */
public class JinavigatorTools {

    static final String SCHEME = "jina://";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final JinavigatorSettings settings;
    private final PageSource source;
    private final Cache<String, Page> cache;
    private final ExecutorService workers;

    public JinavigatorTools(JinavigatorSettings settings) {
        this.settings = settings;
        UrlGuard guard = new UrlGuard(settings.allowPrivate(), UrlGuard.hostList(settings.allowHosts()),
                "the operator can allow this host with JINA_ALLOW_HOSTS, or every private address with "
                        + "JINA_ALLOW_PRIVATE");
        Duration timeout = Duration.ofMillis(settings.timeoutMs());
        WebFetcher fetcher = new WebFetcher(guard, settings.proxy(),
                Duration.ofMillis(Math.min(settings.timeoutMs(), 10_000)), settings.userAgent());
        this.source = switch (settings.backend()) {
            case local -> new LocalSource(new WebPages(fetcher, settings.respectRobots() ? new RobotsPolicy(fetcher,
                    timeout, "the operator can turn robots.txt off with JINA_RESPECT_ROBOTS=false") : null, timeout,
                    settings.maxPageBytes()));
            case jina -> new JinaSource(fetcher, settings.jinaUrl(), settings.apiKey(), timeout,
                    settings.maxPageBytes());
        };
        this.cache = Caffeine.newBuilder().maximumSize(Math.max(1, settings.cacheSize()))
                .expireAfterWrite(Duration.ofSeconds(Math.max(0, settings.cacheTtlSeconds()))).build();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "jinavigator-fetch");
            t.setDaemon(true);
            return t;
        });
    }

    /** convert_web_to_markdown: one page as Markdown, optionally a range of its lines and a window of characters. */
    public String convertWebToMarkdown(Arguments args) {
        return excerpt(read(args.required("url"), args), args);
    }

    /** access_jina_resource: the same, the page addressed as {@code jina://<url>}. */
    public String accessJinaResource(Arguments args) {
        return excerpt(read(urlOf(args.required("uri")), args), args);
    }

    /** The resource template {@code jina://{+url}}: the whole page as Markdown. */
    public String readResource(String uri) {
        return read(urlOf(uri), new Arguments(Map.of())).markdown();
    }

    /** multi_convert: each page's Markdown or error, in the order asked. */
    public TextResult multiConvert(Arguments args, ToolCallContext ctx) {
        List<Arguments> items = items(args, "urls");
        return listResult(fanOut(items, ctx, item -> result(item.str("url"), true, "content",
                excerpt(read(item.required("url"), item), item))));
    }

    /** extract_markdown_outline: each page's headings as a tree, down to max_depth (clamped to 1-6). */
    public TextResult extractMarkdownOutline(Arguments args, ToolCallContext ctx) {
        Double asked = args.number("max_depth");
        int depth = asked == null ? 3 : (int) Math.max(1, Math.min(6, Math.round(asked)));
        return listResult(fanOut(items(args, "urls"), ctx, item -> result(item.str("url"), true, "max_depth", depth,
                "outline", MarkdownOutline.tree(read(item.required("url"), new Arguments(Map.of())).markdown(),
                        depth))));
    }

    private Page read(String url, Arguments options) {
        String selector = options.str("target_selector");
        selector = selector == null || selector.isBlank() ? null : selector;
        boolean noCache = options.bool("no_cache", false);
        String key = url.strip() + "\n" + (selector == null ? "" : selector);
        if (!noCache && settings.cacheTtlSeconds() > 0) {
            Page cached = cache.getIfPresent(key);
            if (cached != null) {
                return cached;
            }
        }
        Page page = source.read(url.strip(), selector, noCache);
        if (settings.cacheTtlSeconds() > 0) {
            cache.put(key, page);
        }
        return page;
    }

    private String excerpt(Page page, Arguments args) {
        String lines = Excerpt.lines(page.markdown(), args.integer("start_line"), args.integer("end_line"));
        Long max = args.integer("max_length");
        if (max == null && settings.maxLength() > 0) {
            max = settings.maxLength();
        }
        return Excerpt.window(lines, args.integer("start_index", 0L), max);
    }

    /**
     * Runs the work for each item, at most maxConcurrency at a time, each bounded by the timeout; a failure is
     * that item's {success: false, error}, never the whole call's. Progress is reported as items finish.
     */
    private List<Map<String, Object>> fanOut(List<Arguments> items, ToolCallContext ctx,
            Function<Arguments, Map<String, Object>> work) {
        Semaphore slots = new Semaphore(settings.maxConcurrency());
        List<Future<Map<String, Object>>> futures = new ArrayList<>();
        int[] done = {0};
        for (Arguments item : items) {
            try {
                while (!slots.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                    if (ctx.cancelled()) {
                        futures.forEach(f -> f.cancel(true));
                        throw new ToolException("cancelled");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                throw new ToolException("interrupted");
            }
            futures.add(workers.submit(() -> {
                try {
                    return work.apply(item);
                } finally {
                    slots.release();
                    synchronized (done) {
                        done[0]++;
                        ctx.progress(done[0], (double) items.size(), "read " + item.str("url"));
                    }
                }
            }));
        }
        List<Map<String, Object>> results = new ArrayList<>();
        long limit = settings.timeoutMs() + 5_000; // the fetch has its own deadline; this one bounds conversion too
        for (int i = 0; i < items.size(); i++) {
            Object url = items.get(i).str("url");
            try {
                results.add(futures.get(i).get(limit, TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                results.add(result(url, false, "error", e.getCause() instanceof ToolException t ? t.getMessage()
                        : "could not be converted (" + e.getCause().getClass().getSimpleName() + ")"));
            } catch (TimeoutException e) {
                futures.get(i).cancel(true);
                results.add(result(url, false, "error", "did not finish within " + limit + " ms"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                throw new ToolException("interrupted");
            }
        }
        return results;
    }

    /** One page's entry of the answer: its url, success, then the names and values given, in that order. */
    private static Map<String, Object> result(Object url, boolean success, Object... namesAndValues) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("url", url);
        r.put("success", success);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            r.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return r;
    }

    /** The JSON list as text, as jinavigator-server printed it, and as structured content under "results". */
    private static TextResult listResult(List<Map<String, Object>> results) {
        try {
            return new TextResult(JSON.writeValueAsString(results), Map.of("results", results));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Arguments> items(Arguments args, String name) {
        List<Map<String, Object>> list = args.objects(name);
        if (list == null || list.isEmpty()) {
            throw new ToolException(name + " is empty; give at least one {url}");
        }
        if (list.size() > settings.maxUrls()) {
            throw new ToolException(list.size() + " URLs given; at most " + settings.maxUrls()
                    + " are read in one call (JINA_MAX_URLS)");
        }
        List<Arguments> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Arguments item = new Arguments(list.get(i));
            if (item.str("url") == null || item.str("url").isBlank()) {
                throw new ToolException(name + "[" + i + "] has no url");
            }
            items.add(item);
        }
        return items;
    }

    /** The page URL inside {@code jina://<url>}; a percent-encoded URL (as the template form carries it) is decoded. */
    static String urlOf(String uri) {
        String u = uri.strip();
        if (!u.regionMatches(true, 0, SCHEME, 0, SCHEME.length()) || u.length() == SCHEME.length()) {
            throw new ToolException("'" + uri + "' is not a jina:// URI; write jina://<url>, e.g. "
                    + "jina://https://example.com/page");
        }
        String url = u.substring(SCHEME.length());
        if (url.regionMatches(true, 0, "http%3A", 0, 7) || url.regionMatches(true, 0, "https%3A", 0, 8)) {
            url = URLDecoder.decode(url, StandardCharsets.UTF_8);
        }
        if (!url.contains("://")) {
            url = "https://" + url; // jina://example.com/page, as Jina Reader itself accepts
        }
        return url;
    }
}
