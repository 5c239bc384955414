package dev.mcpbridge.quickfiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.lib.files.SearchPattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JavaScript's replacement syntax on Java regexes: what the original got wrong ($10, $&, $<name>, $$). */
class JsReplacementTest {

    private static String replace(String input, String regex, String template) {
        SearchPattern p = SearchPattern.compile(regex, true, true, "search");
        return TextReplace.replaceAll(input, p, JsReplacement.parse(template, p), 1 << 20, () -> false).text();
    }

    @ParameterizedTest(name = "{1} / {2} on {0} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "john smith | (\\w+) (\\w+) | $2, $1 | smith, john",
        "abc | b | [$&] | a[b]c",
        "abc | b | [$`] | a[a]c",
        "abc | b | [$'] | a[c]c",
        "abc | b | $$ | a$c",
        "abc | b | $$1 | a$1c",
        "abc | (b) | $2 | a$2c",
        "abc | b | $1 | a$1c",
        "abc | (b) | $01 | abc",
        "abc | (b) | $0 | a$0c",
        "abc | (b) | $10 | ab0c",
        "2024-05-06 | (?<y>\\d+)-(?<m>\\d+)-(?<d>\\d+) | $<d>/$<m>/$<y> | 06/05/2024",
        "abc | (?<x>b) | [$<nope>] | a[]c",
        "abc | (b) | [$<x>] | a[$<x>]c",
        "abc | (?<x>b) | [$<x] | a[$<x]c",
        "abc | b | $ | a$c",
        "abc | b | x$ | ax$c",
    })
    void expandsAsJavaScriptDoes(String input, String regex, String template, String expected) {
        assertThat(replace(input.strip(), regex.strip(), template.strip())).isEqualTo(expected.strip());
    }

    @Test
    void twoDigitReferencesReachGroupsTenAndBeyond() {
        String regex = "(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)";
        assertThat(replace("abcdefghijk", regex, "$11$10$1")).isEqualTo("kja");
        // Only 11 groups: $12 is group 1 followed by "2", as in JavaScript.
        assertThat(replace("abcdefghijk", regex, "$12")).isEqualTo("a2");
    }

    @Test
    void emptyTemplateDeletes() {
        assertThat(replace("a-b-c", "-", "")).isEqualTo("abc");
    }

    @Test
    void literalTemplatesAreTakenAsIs() {
        SearchPattern p = SearchPattern.compile("b", false, true, "search");
        assertThat(TextReplace.replaceAll("abc", p, TextReplace.template("$&$1", p), 100, () -> false).text())
                .isEqualTo("a$&$1c");
    }
}
