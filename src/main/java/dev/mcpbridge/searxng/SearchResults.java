package dev.mcpbridge.searxng;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpbridge.lib.web.WebMarkdown;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A search answer as plain data, merged across instances when fanning out: the same URL from several instances is
 * one result whose engines are united and whose scores are added, and the results are ordered by score.
 */
final class SearchResults {

    final String query;
    final List<Map<String, Object>> results = new ArrayList<>();
    final Set<String> answers = new LinkedHashSet<>();
    final Set<String> corrections = new LinkedHashSet<>();
    final Set<String> suggestions = new LinkedHashSet<>();
    final List<Map<String, Object>> infoboxes = new ArrayList<>();
    /** Engine name → why it did not answer. */
    final Map<String, String> unresponsive = new LinkedHashMap<>();
    final List<String> servedBy = new ArrayList<>();
    final List<String> instanceFailures = new ArrayList<>();

    SearchResults(String query) {
        this.query = query;
    }

    /** Adds one instance's JSON answer, merging results that share a URL. */
    void add(SearxInstance instance, JsonNode json) {
        servedBy.add(instance.toString());
        Map<String, Map<String, Object>> byUrl = new LinkedHashMap<>();
        for (Map<String, Object> r : results) {
            byUrl.put(canonical(String.valueOf(r.get("url"))), r);
        }
        for (JsonNode r : json.path("results")) {
            String url = r.path("url").asText("");
            if (url.isEmpty()) {
                continue;
            }
            Map<String, Object> existing = byUrl.get(canonical(url));
            // Sorted, so that the same search reads the same whichever engine answered first.
            Set<String> engines = new java.util.TreeSet<>();
            r.path("engines").forEach(e -> engines.add(e.asText()));
            if (engines.isEmpty() && r.hasNonNull("engine")) {
                engines.add(r.path("engine").asText());
            }
            double score = r.path("score").asDouble(0);
            if (existing != null) {
                @SuppressWarnings("unchecked")
                Set<String> known = new java.util.TreeSet<>((List<String>) existing.get("engines"));
                known.addAll(engines);
                existing.put("engines", List.copyOf(known));
                existing.put("score", ((Number) existing.get("score")).doubleValue() + score);
                continue;
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("title", WebMarkdown.clean(r.path("title").asText("")));
            result.put("url", url);
            result.put("content", WebMarkdown.clean(r.path("content").asText("")));
            result.put("engines", List.copyOf(engines));
            result.put("score", score);
            putText(result, "category", r.path("category"));
            putText(result, "publishedDate", r.path("publishedDate"));
            putText(result, "thumbnail", r.path("thumbnail"));
            putText(result, "img_src", r.path("img_src"));
            results.add(result);
            byUrl.put(canonical(url), result);
        }
        results.sort(Comparator.comparingDouble((Map<String, Object> r) -> ((Number) r.get("score")).doubleValue())
                .reversed());
        json.path("answers").forEach(a -> answers.add(WebMarkdown.clean(a.isObject() ? a.path("answer").asText() : a.asText())));
        json.path("corrections").forEach(c -> corrections.add(WebMarkdown.clean(c.asText())));
        json.path("suggestions").forEach(s -> suggestions.add(WebMarkdown.clean(s.asText())));
        json.path("infoboxes").forEach(i -> {
            Map<String, Object> box = new LinkedHashMap<>();
            box.put("infobox", WebMarkdown.clean(i.path("infobox").asText("")));
            box.put("content", WebMarkdown.clean(i.path("content").asText("")));
            putText(box, "id", i.path("id"));
            infoboxes.add(box);
        });
        json.path("unresponsive_engines").forEach(u -> {
            if (u.isArray()) {
                unresponsive.put(u.path(0).asText(), u.path(1).asText(""));
            } else {
                unresponsive.put(u.asText(), "");
            }
        });
    }

    private static void putText(Map<String, Object> target, String key, JsonNode value) {
        if (value != null && value.isValueNode() && !value.asText().isBlank()) {
            target.put(key, WebMarkdown.clean(value.asText()));
        }
    }

    /** Keeps results whose score is at least minScore (as mcp-searxng compares it); then the first max. */
    void filter(Double minScore, Integer max) {
        if (minScore != null) {
            results.removeIf(r -> ((Number) r.get("score")).doubleValue() < minScore);
        }
        if (max != null && results.size() > max) {
            results.subList(max, results.size()).clear();
        }
    }

    static String canonical(String url) {
        try {
            URI u = URI.create(url);
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            return (u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT)) + "://"
                    + (u.getRawAuthority() == null ? "" : u.getRawAuthority().toLowerCase(Locale.ROOT)) + path
                    + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    Map<String, Object> toData(boolean compact) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("query", query);
        data.put("number_of_results", results.size());
        if (compact) {
            data.put("results", results.stream().map(r -> Map.of("title", r.get("title"), "url", r.get("url"),
                    "content", r.get("content"))).toList());
        } else {
            data.put("results", results);
        }
        data.put("answers", List.copyOf(answers));
        data.put("corrections", List.copyOf(corrections));
        data.put("suggestions", List.copyOf(suggestions));
        data.put("infoboxes", infoboxes);
        List<Map<String, Object>> failed = new ArrayList<>();
        unresponsive.forEach((engine, why) -> failed.add(Map.of("engine", engine, "reason", why)));
        data.put("unresponsive_engines", failed);
        data.put("served_by", servedBy);
        if (!instanceFailures.isEmpty()) {
            data.put("instance_failures", instanceFailures);
        }
        return data;
    }

    String toText(boolean compact) {
        StringBuilder meta = new StringBuilder();
        if (!compact) {
            if (!answers.isEmpty()) {
                meta.append("Answers:\n");
                answers.forEach(a -> meta.append("- ").append(a).append('\n'));
            }
            if (!corrections.isEmpty()) {
                meta.append("Did you mean: ").append(String.join(", ", corrections)).append('\n');
            }
            for (Map<String, Object> box : infoboxes) {
                meta.append("Infobox: ").append(box.get("infobox")).append("\n").append(box.get("content")).append('\n');
            }
            if (!suggestions.isEmpty()) {
                meta.append("Suggestions: ").append(String.join(", ", suggestions)).append('\n');
            }
            if (!unresponsive.isEmpty()) {
                meta.append("Engines that did not answer: ");
                List<String> parts = new ArrayList<>();
                unresponsive.forEach((e, why) -> parts.add(why.isEmpty() ? e : e + " (" + why + ")"));
                meta.append(String.join(", ", parts)).append('\n');
            }
            if (!instanceFailures.isEmpty()) {
                meta.append("Instances that failed: ").append(String.join("; ", instanceFailures)).append('\n');
            }
        }
        StringBuilder body = new StringBuilder();
        if (results.isEmpty()) {
            body.append("No results found for \"").append(query).append("\".");
        }
        for (Map<String, Object> r : results) {
            if (body.length() > 0) {
                body.append("\n\n");
            }
            body.append("Title: ").append(r.get("title")).append('\n');
            body.append("Description: ").append(r.get("content")).append('\n');
            body.append("URL: ").append(r.get("url"));
            if (!compact) {
                body.append(String.format(Locale.ROOT, "%nRelevance Score: %.3f", ((Number) r.get("score")).doubleValue()));
                @SuppressWarnings("unchecked")
                List<String> engines = (List<String>) r.get("engines");
                if (!engines.isEmpty()) {
                    body.append("\nEngines: ").append(String.join(", ", engines));
                }
                for (String key : List.of("category", "publishedDate")) {
                    if (r.get(key) != null) {
                        body.append('\n').append(key.equals("category") ? "Category: " : "Published Date: ")
                                .append(r.get(key));
                    }
                }
            }
        }
        return meta.length() == 0 ? body.toString() : meta + "\n---\n\n" + body;
    }
}
