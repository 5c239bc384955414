package dev.mcpbridge.jinavigator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The headings of a Markdown text as a tree: ATX ({@code ## Title}) and setext (a paragraph underlined with
 * {@code ===} or {@code ---}) headings, none taken from inside fenced code, each with its 1-based line number in
 * the text (for a setext heading, the line its text starts on).
 */
final class MarkdownOutline {

    private static final Pattern ATX = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})(.*)$");
    private static final Pattern SETEXT_1 = Pattern.compile("^ {0,3}=+[ \\t]*$");
    private static final Pattern SETEXT_2 = Pattern.compile("^ {0,3}-+[ \\t]*$");
    /** Lines that start a block of their own, so a line of dashes under them is not a setext underline. */
    private static final Pattern NOT_PARAGRAPH = Pattern.compile(
            "^( {4,}|\\t| {0,3}([>*+-]|\\d{1,9}[.)])([ \\t]|$)| {0,3}\\||.*\\|\\s*$| {0,3}<)");

    /** The header lines Jina Reader puts above the page's Markdown; they are not part of its first paragraph. */
    private static final Pattern JINA_HEADER = Pattern.compile(
            "^(Title|URL Source|Published Time|Markdown Content|Warning|Number of Pages):.*");

    record Heading(int level, String text, int line) {
    }

    private MarkdownOutline() {
    }

    /** Every heading in order, fenced code skipped. */
    static List<Heading> headings(String markdown) {
        List<Heading> found = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        String fence = null;
        int paragraphStart = -1;
        StringBuilder paragraph = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            Matcher f = FENCE.matcher(line);
            if (fence != null) {
                if (f.matches() && f.group(1).charAt(0) == fence.charAt(0) && f.group(1).length() >= fence.length()
                        && f.group(2).isBlank()) {
                    fence = null;
                }
                continue;
            }
            if (f.matches() && !(f.group(1).charAt(0) == '`' && f.group(2).contains("`"))) {
                fence = f.group(1);
                paragraphStart = -1;
                continue;
            }
            if (line.isBlank()) {
                paragraphStart = -1;
                continue;
            }
            Matcher atx = ATX.matcher(line);
            if (atx.matches()) {
                String text = atx.group(2) == null ? "" : atx.group(2).strip();
                if (!text.isEmpty()) {
                    found.add(new Heading(atx.group(1).length(), text, i + 1));
                }
                paragraphStart = -1;
                continue;
            }
            boolean underline1 = SETEXT_1.matcher(line).matches();
            boolean underline2 = SETEXT_2.matcher(line).matches();
            if (paragraphStart >= 0 && (underline1 || underline2)) {
                found.add(new Heading(underline1 ? 1 : 2, paragraph.toString().strip(), paragraphStart + 1));
                paragraphStart = -1;
                continue;
            }
            if (found.isEmpty() && JINA_HEADER.matcher(line).matches()) {
                paragraphStart = -1;
                continue;
            }
            if (paragraphStart < 0) {
                if (NOT_PARAGRAPH.matcher(line).find() || underline2) {
                    continue; // a list item, quote, table row, HTML block, indented code or thematic break
                }
                paragraphStart = i;
                paragraph.setLength(0);
            } else {
                paragraph.append(' ');
            }
            paragraph.append(line.strip());
        }
        return found;
    }

    /**
     * The headings down to {@code maxDepth} as a tree of maps {level, text, line, children}: each heading holds the
     * deeper headings that follow it until the next one of its level or higher.
     */
    static List<Map<String, Object>> tree(String markdown, int maxDepth) {
        List<Map<String, Object>> roots = new ArrayList<>();
        List<Map<String, Object>> stack = new ArrayList<>();
        for (Heading h : headings(markdown)) {
            if (h.level() > maxDepth) {
                continue;
            }
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("level", h.level());
            node.put("text", h.text());
            node.put("line", h.line());
            node.put("children", new ArrayList<Map<String, Object>>());
            while (!stack.isEmpty() && (int) stack.get(stack.size() - 1).get("level") >= h.level()) {
                stack.remove(stack.size() - 1);
            }
            if (stack.isEmpty()) {
                roots.add(node);
            } else {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> children = (List<Map<String, Object>>) stack.get(stack.size() - 1)
                        .get("children");
                children.add(node);
            }
            stack.add(node);
        }
        return roots;
    }
}
