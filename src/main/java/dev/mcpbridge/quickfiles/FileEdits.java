package dev.mcpbridge.quickfiles;

import dev.mcpbridge.core.spi.ToolException;
import com.google.re2j.Matcher;
import dev.mcpbridge.lib.files.LineEndings;
import dev.mcpbridge.lib.files.SearchPattern;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The diffs of one file in edit_multiple_files, applied in order to its text in memory. Only the matched text
 * changes: blank lines, line endings and the final newline stay as they were (the original collapsed every run of
 * newlines and counted start_line on that collapsed text). A diff that cannot apply fails the whole file, which is
 * then left untouched.
 */
final class FileEdits {

    /**
     * One diff.
     *
     * @param startLine 1-based line on which the match must begin; then only that one match is replaced
     * @param expectedReplacements when set, the diff is refused unless it matches exactly this many times
     */
    record Diff(String search, String replace, Integer startLine, boolean useRegex, Integer expectedReplacements) {
    }

    /** The edited text and the number of replacements made. */
    record Result(String text, int replacements) {
    }

    private FileEdits() {
    }

    /**
     * Diffs are case-sensitive, as the original's were.
     *
     * @param maxChars the longest text an edit may produce (see {@link TextReplace})
     * @param stop true once the call is over
     */
    static Result apply(String content, LineEndings endings, List<Diff> diffs, long maxChars, BooleanSupplier stop) {
        String text = content;
        int total = 0;
        for (int i = 0; i < diffs.size(); i++) {
            Diff diff = diffs.get(i);
            String label = diffs.size() == 1 ? "" : "diff " + (i + 1) + ": ";
            if (diff.search() == null || diff.search().isEmpty()) {
                throw new ToolException(label + "search must not be empty");
            }
            String search = diff.search();
            String replace = diff.replace() == null ? "" : diff.replace();
            if (!diff.useRegex()) {
                String[] texts = endings.literal(text, search, replace);
                search = texts[0];
                replace = texts[1];
            }
            SearchPattern pattern = SearchPattern.compile(search, diff.useRegex(), true, label + "search");
            JsReplacement template = TextReplace.template(replace, pattern);
            TextReplace.Outcome outcome = diff.startLine() == null
                    ? TextReplace.replaceAll(text, pattern, template, maxChars, stop)
                    : replaceOnLine(text, pattern, template, diff.startLine(), label, maxChars, stop);
            if (outcome.count() == 0) {
                throw new ToolException(label + "the text to search for was not found: \"" + shorten(diff.search())
                        + "\"" + (diff.startLine() == null ? "" : " (at line " + diff.startLine() + ")"));
            }
            if (diff.expectedReplacements() != null && diff.expectedReplacements() != outcome.count()) {
                throw new ToolException(label + "expected " + diff.expectedReplacements() + " replacement(s) but the "
                        + "search matches " + outcome.count() + " time(s); nothing was changed");
            }
            text = outcome.text();
            total += outcome.count();
        }
        return new Result(text, total);
    }

    private static TextReplace.Outcome replaceOnLine(String text, SearchPattern pattern, JsReplacement template,
            int line, String label, long maxChars, BooleanSupplier stop) {
        if (line < 1) {
            throw new ToolException(label + "start_line must be 1 or more, not " + line);
        }
        int from = 0;
        for (int n = 1; n < line; n++) {
            int nl = text.indexOf('\n', from);
            if (nl < 0) {
                throw new ToolException(label + "start_line " + line + " is past the end of the file (" + n
                        + " lines)");
            }
            from = nl + 1;
        }
        int lineEnd = text.indexOf('\n', from);
        int to = lineEnd < 0 ? text.length() : lineEnd;
        Matcher m = pattern.matcher(text, stop);
        if (!m.find(from) || m.start() > to) {
            return new TextReplace.Outcome(text, 0);
        }
        return new TextReplace.Outcome(TextReplace.replaceOne(text, m, template, maxChars), 1);
    }

    static String shorten(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
