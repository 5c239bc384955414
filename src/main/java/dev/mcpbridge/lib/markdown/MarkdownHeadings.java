package dev.mcpbridge.lib.markdown;

import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The headings of a Markdown text, parsed as CommonMark (flexmark): a '#' line inside fenced or indented code or an
 * HTML block is no heading. The tools that outline Markdown differ in which headings they count; {@link Rules} says
 * how, so that each keeps the outline it always gave.
 */
public final class MarkdownHeadings {

    private static final Parser PARSER = Parser.builder(new MutableDataSet()).build();

    /**
     * @param text its text, the lines of a multi-line setext heading joined by a space
     * @param line the 1-based line the heading starts on (a setext heading's first line of text)
     * @param lastLine the 1-based line it ends on (a setext heading's underline)
     */
    public record Heading(int level, String text, int line, int lastLine) {
    }

    /**
     * @param setext a paragraph underlined with {@code ===} or {@code ---} is a heading
     * @param nested headings inside list items and block quotes count, not only those at the top level
     * @param empty a heading with no text ({@code #} alone) counts
     */
    public record Rules(boolean setext, boolean nested, boolean empty) {
    }

    private MarkdownHeadings() {
    }

    /** Every heading the rules count, in order. */
    public static List<Heading> of(String markdown, Rules rules) {
        List<Heading> found = new ArrayList<>();
        for (Node node : PARSER.parse(markdown).getDescendants()) {
            if (node instanceof com.vladsch.flexmark.ast.Heading h && (rules.setext() || !h.isSetextHeading())
                    && (rules.nested() || h.getParent() instanceof Document)) {
                String text = h.getText().toString().strip().replaceAll("[ \\t]*\\R[ \\t]*", " ");
                if (rules.empty() || !text.isEmpty()) {
                    found.add(new Heading(h.getLevel(), text, h.getStartLineNumber() + 1, h.getEndLineNumber() + 1));
                }
            }
        }
        return found;
    }

    /**
     * The headings down to {@code maxDepth} as a tree of maps {level, text, line, children}: each heading holds the
     * deeper headings that follow it until the next one of its level or higher.
     */
    public static List<Map<String, Object>> tree(List<Heading> headings, int maxDepth) {
        List<Map<String, Object>> roots = new ArrayList<>();
        Deque<Map<String, Object>> open = new ArrayDeque<>();
        for (Heading h : headings) {
            if (h.level() <= maxDepth) {
                Map<String, Object> node = new LinkedHashMap<>();
                node.put("level", h.level());
                node.put("text", h.text());
                node.put("line", h.line());
                node.put("children", new ArrayList<Map<String, Object>>());
                while (!open.isEmpty() && (int) open.peek().get("level") >= h.level()) {
                    open.pop();
                }
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> siblings = open.isEmpty() ? roots
                        : (List<Map<String, Object>>) open.peek().get("children");
                siblings.add(node);
                open.push(node);
            }
        }
        return roots;
    }
}
