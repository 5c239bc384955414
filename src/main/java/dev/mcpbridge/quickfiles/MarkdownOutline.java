package dev.mcpbridge.quickfiles;

import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.files.FileBytes;
import dev.mcpbridge.lib.files.PathGuard;
import dev.mcpbridge.lib.files.PathGuard.Intent;
import dev.mcpbridge.lib.files.TextFile;
import dev.mcpbridge.lib.markdown.MarkdownHeadings;
import dev.mcpbridge.lib.markdown.MarkdownHeadings.Heading;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * extract_markdown_structure: each file's headings as an indented list with their line numbers. Parsed as
 * CommonMark (flexmark), so ATX and setext headings count and a '#' line inside fenced or indented code, or in
 * front matter, does not.
 */
final class MarkdownOutline {

    /** Every heading CommonMark sees, in lists and block quotes too, and empty ones. */
    private static final MarkdownHeadings.Rules RULES = new MarkdownHeadings.Rules(true, true, true);

    private record Entry(int level, int line, String text, List<String> context) {
    }

    record Report(String text, boolean allFailed) {
    }

    private MarkdownOutline() {
    }

    static Report extract(List<String> paths, int maxDepth, boolean includeContext, int contextLines,
            long maxFileBytes, PathGuard guard) {
        if (paths == null || paths.isEmpty()) {
            throw new ToolException("paths must list at least one Markdown file");
        }
        if (maxDepth < 1 || contextLines < 0) {
            throw new ToolException("max_depth must be 1 or more and context_lines 0 or more");
        }
        StringBuilder out = new StringBuilder("## Markdown file structure\n\n");
        int failed = 0;
        for (String shown : paths) {
            out.append("### File: ").append(shown).append("\n\n");
            try {
                String lower = shown.toLowerCase(Locale.ROOT);
                if (!lower.endsWith(".md") && !lower.endsWith(".markdown")) {
                    throw new ToolException("not a Markdown file (.md or .markdown)");
                }
                String text = TextFile.read(guard, guard.resolve(shown, Intent.EXISTING), shown,
                        maxFileBytes).text();
                List<Entry> headings = headings(text, maxDepth, includeContext ? contextLines : 0);
                if (headings.isEmpty()) {
                    out.append("No headings found.\n\n");
                    continue;
                }
                for (Entry h : headings) {
                    String indent = "  ".repeat(h.level() - 1);
                    out.append(indent).append("- [L").append(h.line()).append("] ").append(h.text()).append('\n');
                    for (String c : h.context()) {
                        out.append(indent).append("    ").append(c).append('\n');
                    }
                }
                out.append('\n');
            } catch (ToolException e) {
                failed++;
                out.append("Error: ").append(e.getMessage()).append("\n\n");
            } catch (IOException e) {
                failed++;
                out.append("Error: could not be read (").append(FileBytes.reason(e)).append(")\n\n");
            }
        }
        return new Report(out.toString(), failed == paths.size());
    }

    private static List<Entry> headings(String text, int maxDepth, int contextLines) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int skipped = 0;
        String frontMatter = frontMatter(body);
        if (frontMatter != null) {
            // Blank lines in its place keep the line numbers.
            skipped = frontMatter.split("\n", -1).length - 1;
            body = "\n".repeat(skipped) + body.substring(frontMatter.length());
        }
        String[] lines = body.split("\r?\n", -1);
        List<Entry> entries = new ArrayList<>();
        for (Heading h : MarkdownHeadings.of(body, RULES)) {
            if (h.level() <= maxDepth) {
                entries.add(new Entry(h.level(), h.line(), h.text(), context(lines, h.lastLine(), contextLines)));
            }
        }
        return entries;
    }

    /** YAML front matter: a first line of "---" up to the next "---" or "..." line, newline included. */
    private static String frontMatter(String text) {
        if (!text.startsWith("---\n") && !text.startsWith("---\r\n")) {
            return null;
        }
        int from = text.indexOf('\n') + 1;
        while (from < text.length()) {
            int end = text.indexOf('\n', from);
            String line = (end < 0 ? text.substring(from) : text.substring(from, end)).strip();
            if (line.equals("---") || line.equals("...")) {
                return end < 0 ? text : text.substring(0, end + 1);
            }
            if (end < 0) {
                return null;
            }
            from = end + 1;
        }
        return null;
    }

    /** The next non-blank lines after a heading, up to the next heading. */
    private static List<String> context(String[] lines, int from, int count) {
        List<String> context = new ArrayList<>();
        for (int i = from; i < lines.length && context.size() < count; i++) {
            String line = lines[i].strip();
            if (line.startsWith("#") || (i + 1 < lines.length && lines[i + 1].strip().matches("=+|-+")
                    && !line.isEmpty())) {
                break;
            }
            if (!line.isEmpty()) {
                context.add(line);
            }
        }
        return context;
    }
}
