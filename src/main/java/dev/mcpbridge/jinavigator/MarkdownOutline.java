package dev.mcpbridge.jinavigator;

import dev.mcpbridge.lib.markdown.MarkdownHeadings;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The headings extract_markdown_outline reports: ATX and setext headings at the top level of the page (none from
 * code), each with its 1-based line number, read past the header Jina Reader puts above a page.
 */
final class MarkdownOutline {

    private static final MarkdownHeadings.Rules RULES = new MarkdownHeadings.Rules(true, false, false);
    /** The header lines Jina Reader puts above the page's Markdown; they are not part of its first paragraph. */
    private static final Pattern JINA_HEADER = Pattern.compile(
            "(Title|URL Source|Published Time|Markdown Content|Warning|Number of Pages):[^\\n]*|\\s*");

    record Heading(int level, String text, int line) {
    }

    private MarkdownOutline() {
    }

    static List<Heading> headings(String markdown) {
        return MarkdownHeadings.of(withoutJinaHeader(markdown), RULES).stream()
                .map(h -> new Heading(h.level(), h.text(), h.line())).toList();
    }

    static List<Map<String, Object>> tree(String markdown, int maxDepth) {
        return MarkdownHeadings.tree(MarkdownHeadings.of(withoutJinaHeader(markdown), RULES), maxDepth);
    }

    /** The text with Jina's header lines at its top blanked, so that the line numbers stay those of the page. */
    private static String withoutJinaHeader(String markdown) {
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length && JINA_HEADER.matcher(lines[i]).matches(); i++) {
            lines[i] = "";
        }
        return String.join("\n", lines);
    }
}
