package dev.mcpbridge.searxng;

import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.markdown.MarkdownHeadings;
import dev.mcpbridge.lib.markdown.MarkdownHeadings.Heading;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a Markdown page web_url_read can return: its headings, one section, a range of paragraphs. Lines
 * inside code are never taken for headings.
 */
final class MarkdownView {

    private static final Pattern RANGE = Pattern.compile("^\\s*(\\d+)\\s*(?:(-)\\s*(\\d+)?)?\\s*$");

    /** ATX headings at the top level, the only ones web_url_read ever counted. */
    private static final MarkdownHeadings.Rules RULES = new MarkdownHeadings.Rules(false, false, false);

    private MarkdownView() {
    }

    static String outline(String markdown) {
        List<Heading> headings = MarkdownHeadings.of(markdown, RULES);
        if (headings.isEmpty()) {
            return "The page has no headings.";
        }
        StringBuilder sb = new StringBuilder();
        for (Heading h : headings) {
            sb.append("  ".repeat(h.level() - 1)).append("- ").append(h.text()).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    /** The first section whose heading contains the text (case-insensitive), down to the next heading of its level. */
    static String section(String markdown, String wanted) {
        List<String> lines = markdown.lines().toList();
        List<Heading> headings = MarkdownHeadings.of(markdown, RULES);
        String needle = wanted.strip().toLowerCase(Locale.ROOT);
        for (int i = 0; i < headings.size(); i++) {
            Heading h = headings.get(i);
            if (h.text().toLowerCase(Locale.ROOT).contains(needle)) {
                int end = lines.size();
                for (int j = i + 1; j < headings.size(); j++) {
                    if (headings.get(j).level() <= h.level()) {
                        end = headings.get(j).line() - 1;
                        break;
                    }
                }
                return String.join("\n", lines.subList(h.line() - 1, end)).strip();
            }
        }
        List<String> names = headings.stream().map(Heading::text).limit(30).toList();
        throw new ToolException("no heading contains '" + wanted + "'" + (names.isEmpty() ? "; the page has no headings"
                : "; headings are: " + String.join(" | ", names)));
    }

    /** Paragraphs (blocks separated by blank lines) {@code "3"}, {@code "1-5"} or {@code "10-"}, 1-based. */
    static String paragraphs(String markdown, String range) {
        Matcher m = RANGE.matcher(range);
        if (!m.matches()) {
            throw new ToolException("paragraphRange must look like '3', '1-5' or '10-', not '" + range + "'");
        }
        List<String> blocks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean fenced = false;
        for (String line : markdown.lines().toList()) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
            }
            if (line.isBlank() && !fenced) {
                if (current.length() > 0) {
                    blocks.add(current.toString().stripTrailing());
                    current.setLength(0);
                }
            } else {
                current.append(line).append('\n');
            }
        }
        if (current.length() > 0) {
            blocks.add(current.toString().stripTrailing());
        }
        int from = Integer.parseInt(m.group(1));
        int to = m.group(2) == null ? from : m.group(3) == null ? blocks.size() : Integer.parseInt(m.group(3));
        if (from < 1 || to < from) {
            throw new ToolException("paragraphRange '" + range + "' is empty");
        }
        if (from > blocks.size()) {
            throw new ToolException("the page has " + blocks.size() + " paragraphs; paragraphRange '" + range
                    + "' starts after them");
        }
        return String.join("\n\n", blocks.subList(from - 1, Math.min(to, blocks.size())));
    }
}
