package dev.mcpbridge.lib.files;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.mcpbridge.core.spi.ToolException;
import java.util.function.BooleanSupplier;

/**
 * A search the model gave (a regex or plain text) compiled for RE2/J, whose matching takes time linear in the
 * text's length whatever the pattern: {@code (((a+)+)+)+b} cannot backtrack catastrophically as it does in
 * {@code java.util.regex}. The price is RE2's syntax: no backreferences, look-around, atomic groups or possessive
 * quantifiers; a pattern that uses them is refused with a message that says so and how to rewrite it. Matching
 * also stops soon after the call is cancelled or timed out ({@link StoppableText}).
 */
public final class SearchPattern {

    private static final String UNSUPPORTED = ". Regexes use RE2 syntax, which runs in time linear in the text: "
            + "backreferences (\\1), look-ahead and look-behind ((?=, (?!, (?<=, (?<!), atomic groups (?>) and "
            + "possessive quantifiers (a*+) are not supported. Rewrite the pattern without them (for example match "
            + "both alternatives, or capture and compare in a second search), or search for the text as is, not as "
            + "a regex";

    private final Pattern regex;
    private final String text;
    private final boolean literal;
    private final boolean caseSensitive;

    private SearchPattern(Pattern regex, String text, boolean literal, boolean caseSensitive) {
        this.regex = regex;
        this.text = text;
        this.literal = literal;
        this.caseSensitive = caseSensitive;
    }

    /**
     * A literal or a regex, case-insensitive unless asked, with {@code ^} and {@code $} matching at every line
     * (what a file-wide search means by them).
     *
     * @param what names the argument in the error of an invalid regex
     */
    public static SearchPattern compile(String search, boolean regex, boolean caseSensitive, String what) {
        if (search == null || search.isEmpty()) {
            throw new ToolException(what + " must not be empty");
        }
        int flags = Pattern.MULTILINE | (caseSensitive ? 0 : Pattern.CASE_INSENSITIVE);
        try {
            return new SearchPattern(Pattern.compile(regex ? search : Pattern.quote(search), flags), search, !regex,
                    caseSensitive);
        } catch (PatternSyntaxException e) {
            throw new ToolException(what + " is not a valid regular expression: " + e.getDescription() + " in '"
                    + search + "'" + (unsupported(e) ? UNSUPPORTED : ""));
        }
    }

    /** A construct of Perl or Java regexes that RE2 leaves out, as opposed to a plain mistake (a missing ')'). */
    private static boolean unsupported(PatternSyntaxException e) {
        String d = String.valueOf(e.getDescription());
        return d.contains("unsupported") || d.contains("escape") || d.contains("nested repetition");
    }

    /** The pattern as the model gave it. */
    public String text() {
        return text;
    }

    public boolean literal() {
        return literal;
    }

    public boolean caseSensitive() {
        return caseSensitive;
    }

    public int groupCount() {
        return regex.groupCount();
    }

    public java.util.Set<String> groupNames() {
        return regex.namedGroups().keySet();
    }

    /**
     * A matcher over {@code input} that throws {@link java.util.concurrent.CancellationException} soon after
     * {@code stop} says so or the thread is interrupted; group texts come from {@code input} itself.
     */
    public Matcher matcher(CharSequence input, BooleanSupplier stop) {
        return regex.matcher(new StoppableText(input, stop));
    }
}
