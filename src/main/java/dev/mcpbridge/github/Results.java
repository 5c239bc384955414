package dev.mcpbridge.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mcpbridge.core.spi.TextResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tool answers: compact JSON text (and the same data, for tools with an output schema). */
final class Results {

    private Results() {
    }

    static TextResult json(Object data) {
        try {
            return new TextResult(GitHubClient.JSON.writeValueAsString(data), data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("result cannot be written as JSON", e);
        }
    }

    static TextResult text(String text) {
        return new TextResult(text, null);
    }

    /**
     * One page of a list, with what is needed to ask for the next: {@code nextPage} (absent on the last page) and
     * {@code lastPage} when GitHub says it, from the {@code Link} header.
     */
    static Map<String, Object> page(ApiResponse r, List<?> items, int page, int perPage) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", items);
        m.put("page", page);
        m.put("perPage", perPage);
        Integer next = r.linkPage("next");
        Integer last = r.linkPage("last");
        if (next != null) {
            m.put("nextPage", next);
        }
        if (last != null) {
            m.put("lastPage", last);
        }
        return m;
    }

    /** Search answers keep GitHub's total_count and incomplete_results and add the paging fields. */
    static Map<String, Object> search(ApiResponse r, List<?> items, int page, int perPage) {
        Map<String, Object> m = new LinkedHashMap<>();
        var json = r.json();
        m.put("total_count", json.path("total_count").asLong());
        m.put("incomplete_results", json.path("incomplete_results").asBoolean());
        m.putAll(page(r, items, page, perPage));
        return m;
    }
}
