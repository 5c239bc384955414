package dev.mcpbridge.core.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;

/**
 * How a query is read: as {@link EnglishAnalyzer} reads the tools, with the words developers use for the same thing
 * added first. The list is general vocabulary of files, repositories and shells ("folder" is a directory, "PR" a
 * pull request), not words chosen for particular requests; tools say "directory" where people say "folder".
 */
final class QueryWords {

    /** Each line: words people type, then the words the tools use. */
    private static final String[][] SAME = {
        {"folder folders dir dirs", "directory"},
        {"pr prs", "pull request"},
        {"repo repos", "repository"},
        {"grep", "search contents"},
        {"remove", "delete"},
        {"delete", "remove"},
        {"mkdir", "create directory"},
        {"ls", "list"},
        {"pwd cwd", "current directory"},
        {"terminal console shell powershell bash cmd", "command shell"},
        {"ipynb", "notebook"},
        {"readme", "file contents"},
        {"url link website", "web page"},
        {"approve", "review"},
    };

    private static final SynonymMap SYNONYMS = build();

    private QueryWords() {
    }

    private static SynonymMap build() {
        SynonymMap.Builder builder = new SynonymMap.Builder(true);
        for (String[] line : SAME) {
            CharsRef meant = SynonymMap.Builder.join(line[1].split(" "), new CharsRefBuilder());
            for (String typed : line[0].split(" ")) {
                builder.add(new CharsRef(typed), meant, true);
            }
        }
        try {
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("the query synonyms could not be built", e);
        }
    }

    static Analyzer analyzer() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream words = new EnglishPossessiveFilter(source);
                words = new LowerCaseFilter(words);
                words = new SynonymGraphFilter(words, SYNONYMS, true);
                words = new StopFilter(words, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
                words = new PorterStemFilter(words);
                return new TokenStreamComponents(source, words);
            }
        };
    }
}
