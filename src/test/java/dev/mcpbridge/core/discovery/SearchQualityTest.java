package dev.mcpbridge.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mcpbridge.core.registry.RegisteredTool;
import dev.mcpbridge.core.registry.ToolRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How well search_tools ranks, measured on labelled requests (src/test/resources/discovery/queries.yaml) over every
 * built-in tool: the goals are the right tool first for at least 70 % and among the first three for at
 * least 90 %. The figures and every miss are printed, so a change to the index shows what it gained and lost.
 */
class SearchQualityTest {

    static final double TOP1_GOAL = 0.70;
    static final double TOP3_GOAL = 0.90;

    record Labelled(String q, List<String> want) {
    }

    @Test
    void theLabelledRequestsFindTheirToolsOftenEnough() throws Exception {
        List<Labelled> queries = new ObjectMapper(new YAMLFactory()).readValue(
                Path.of("src/test/resources/discovery/queries.yaml").toFile(), new TypeReference<>() {
                });
        ToolRegistry registry = EveryTool.registry();
        List<String> served = registry.tools().stream().map(SearchQualityTest::key).toList();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(60);
        queries.forEach(l -> assertThat(served).as("labels of '%s' name served tools", l.q()).containsAll(l.want()));

        ToolSearchIndex index = ToolSearchIndex.build(registry);
        int top1 = 0;
        int top3 = 0;
        List<String> misses = new ArrayList<>();
        for (Labelled l : queries) {
            List<String> ranked = index.search(l.q(), null, 3).stream().map(h -> key(h.tool())).toList();
            boolean first = !ranked.isEmpty() && l.want().contains(ranked.get(0));
            boolean inThree = ranked.stream().anyMatch(l.want()::contains);
            top1 += first ? 1 : 0;
            top3 += inThree ? 1 : 0;
            if (!first) {
                misses.add((inThree ? "  top3 " : "  MISS ") + l.q() + " -> " + ranked + " (want " + l.want() + ")");
            }
        }
        double rate1 = (double) top1 / queries.size();
        double rate3 = (double) top3 / queries.size();
        System.err.printf("search quality over %d tools, %d requests: top-1 %.1f %% (%d), top-3 %.1f %% (%d)%n%s%n",
                served.size(), queries.size(), rate1 * 100, top1, rate3 * 100, top3, String.join("\n", misses));
        assertThat(rate1).as("top-1 accuracy").isGreaterThanOrEqualTo(TOP1_GOAL);
        assertThat(rate3).as("top-3 accuracy").isGreaterThanOrEqualTo(TOP3_GOAL);
    }

    private static String key(RegisteredTool tool) {
        return tool.adapter() + "/" + tool.spec().name();
    }
}
