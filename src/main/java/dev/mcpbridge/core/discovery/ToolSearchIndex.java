package dev.mcpbridge.core.discovery;

import dev.mcpbridge.core.registry.RegisteredTool;
import dev.mcpbridge.core.registry.ToolRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * A full-text index over the tools of one served registry, so an agent can find a tool by what it wants done
 * instead of carrying every definition. Built once from the registry it is given: a tool left out of that registry
 * (read-only mode, filters, access rules) is never in the index, so it can never be found.
 */
public final class ToolSearchIndex {

    /**
     * Names weigh most: they are short and chosen to say what the tool does; then the title and the description's
     * first sentence, which says the same in words; the rest of the description; least, the parameters (names,
     * enumerated values, descriptions), where a tool's modes are told ({@code get_diff}), and the adapter's name.
     */
    private static final Map<String, Float> BOOSTS = Map.of("name", 3.0f, "title", 2.0f, "summary", 1.5f,
            "description", 1.0f, "parameters", 0.4f, "adapter_words", 0.5f);

    private final ToolRegistry registry;
    private final Analyzer analyzer = QueryWords.analyzer();
    private final IndexSearcher searcher;

    private ToolSearchIndex(ToolRegistry registry, IndexSearcher searcher) {
        this.registry = registry;
        this.searcher = searcher;
    }

    /** One ranked result: the tool and how well it matched. */
    public record Hit(RegisteredTool tool, float score) {
    }

    public static ToolSearchIndex build(ToolRegistry registry) {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new EnglishAnalyzer())
                .setSimilarity(new BM25Similarity()))) {
            for (RegisteredTool tool : registry.tools()) {
                writer.addDocument(document(tool));
            }
            writer.commit();
            IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(directory));
            searcher.setSimilarity(new BM25Similarity());
            return new ToolSearchIndex(registry, searcher);
        } catch (IOException e) {
            throw new UncheckedIOException("the tool search index could not be built in memory", e);
        }
    }

    private static Document document(RegisteredTool tool) {
        Document doc = new Document();
        doc.add(new StringField("id", tool.exposedName(), Field.Store.YES));
        doc.add(new StringField("adapter", tool.adapter(), Field.Store.NO));
        doc.add(new TextField("name", words(tool.exposedName()), Field.Store.NO));
        doc.add(new TextField("title", orEmpty(tool.spec().title()), Field.Store.NO));
        doc.add(new TextField("summary", DiscoveryTools.oneLine(tool.spec().description()), Field.Store.NO));
        doc.add(new TextField("description", orEmpty(tool.spec().description()), Field.Store.NO));
        doc.add(new TextField("parameters", String.join(" ", parameterWords(tool.spec().inputSchema())),
                Field.Store.NO));
        doc.add(new TextField("adapter_words", words(tool.adapter()), Field.Store.NO));
        return doc;
    }

    /** {@code pull_request_read} or {@code listFiles} as the words a person would type. */
    static String words(String identifier) {
        return identifier.replace('_', ' ').replace('-', ' ').replaceAll("([a-z])([A-Z])", "$1 $2");
    }

    /** Each parameter's name, enumerated values and description, as words. */
    private static List<String> parameterWords(Map<String, Object> schema) {
        List<String> words = new ArrayList<>();
        if (schema != null && schema.get("properties") instanceof Map<?, ?> properties) {
            properties.forEach((key, value) -> {
                words.add(words(String.valueOf(key)));
                if (value instanceof Map<?, ?> parameter) {
                    if (parameter.get("enum") instanceof List<?> values) {
                        values.forEach(v -> words.add(words(String.valueOf(v))));
                    }
                    if (parameter.get("description") instanceof String description) {
                        words.add(description);
                    }
                }
            });
        }
        return words;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    /**
     * @param adapter only this adapter's tools, or null for all
     * @return at most {@code limit} tools, best first; none when no word of the query matches
     */
    public List<Hit> search(String query, String adapter, int limit) {
        if (query == null || query.isBlank() || limit < 1) {
            return List.of();
        }
        List<String> terms = terms(words(query));
        if (terms.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder text = new BooleanQuery.Builder();
        for (String term : terms) {
            BOOSTS.forEach((field, boost) -> text.add(
                    new BoostQuery(new TermQuery(new Term(field, term)), boost), Occur.SHOULD));
        }
        BooleanQuery.Builder wanted = new BooleanQuery.Builder().add(text.build(), Occur.MUST);
        if (adapter != null && !adapter.isBlank()) {
            wanted.add(new TermQuery(new Term("adapter", adapter)), Occur.FILTER);
        }
        try {
            List<Hit> hits = new ArrayList<>();
            for (ScoreDoc found : searcher.search(wanted.build(), limit).scoreDocs) {
                String name = searcher.storedFields().document(found.doc).get("id");
                registry.find(name).ifPresent(tool -> hits.add(new Hit(tool, found.score)));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("the in-memory tool search index could not be read", e);
        }
    }

    /**
     * The query's words as the index holds them (stemmed, lower case, stop words dropped), with the other words
     * developers use for the same thing ({@link QueryWords}).
     */
    private List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("query", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (!terms.contains(term.toString())) {
                    terms.add(term.toString());
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("a query could not be split into words", e);
        }
        return terms;
    }
}
