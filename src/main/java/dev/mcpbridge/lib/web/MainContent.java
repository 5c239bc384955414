package dev.mcpbridge.lib.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Finds a page's main content the way reader views do (the scoring idea of Mozilla's Readability, written for
 * jsoup): paragraphs earn points for their length and commas, hand them up to their ancestors, links cost points,
 * class and id names hint which containers hold content and which hold navigation, comments or ads. The best
 * container, with its siblings that score well, is the article; inside it, blocks that look like boilerplate
 * (link lists, forms, share bars, image grids) are removed. When that leaves too little text, the search is run
 * again with fewer rules, and the longest result wins.
 */
public final class MainContent {

    /** Below this many characters of text an extraction is suspected of having cut too much. */
    private static final int ENOUGH_TEXT = 500;

    private static final Pattern UNLIKELY = Pattern.compile(
            "-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header"
                    + "|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental"
                    + "|ad-break|agegate|pagination|pager|popup|yom-remote|cookie|consent|newsletter|subscribe",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MAYBE = Pattern.compile("and|article|body|column|content|main|mathjax|shadow",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern POSITIVE = Pattern.compile(
            "article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NEGATIVE = Pattern.compile(
            "-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta"
                    + "|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget"
                    + "|cookie|consent|newsletter",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SHARE = Pattern.compile("(\\b|_)(share|sharedaddy)(\\b|_)", Pattern.CASE_INSENSITIVE);
    private static final Pattern HIDDEN_STYLE = Pattern.compile("display\\s*:\\s*none|visibility\\s*:\\s*hidden",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SENTENCE_END = Pattern.compile("\\.( |$)");
    private static final Set<String> UNLIKELY_ROLES = Set.of("menu", "menubar", "complementary", "navigation",
            "alert", "alertdialog", "dialog");
    private static final Set<String> SCORED_TAGS = Set.of("section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre");
    private static final Set<String> BLOCK_TAGS = Set.of("a", "blockquote", "dl", "div", "img", "ol", "p", "pre",
            "table", "ul", "section", "article", "figure", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6");
    private static final String JUNK = "script, style, noscript, template, link, meta, object, embed, canvas, "
            + "button, input, select, textarea, dialog, [hidden], [aria-hidden=true]:not(.fallback-image), "
            + "[aria-modal=true]";

    /** Which rules a pass applies: the first pass all, later ones fewer. */
    private record Rules(boolean stripUnlikely, boolean weighClasses, boolean cleanConditionally) {
    }

    private static final List<Rules> PASSES = List.of(new Rules(true, true, true), new Rules(false, true, true),
            new Rules(false, false, true), new Rules(false, false, false));

    private MainContent() {
    }

    /** The main content of the page, as a detached element; the document is left as it was. */
    public static Element of(Document doc) {
        Element best = null;
        int bestLength = -1;
        for (Rules rules : PASSES) {
            Document copy = doc.clone();
            Element body = copy.body();
            prepare(body);
            Element article = new Pass(rules).article(body);
            article.setBaseUri(doc.location());
            int length = article.text().length();
            if (length >= ENOUGH_TEXT) {
                return article;
            }
            if (length > bestLength) {
                best = article;
                bestLength = length;
            }
        }
        return best;
    }

    /** Drops what is never content: scripts, styles, forms' controls, and nodes hidden from readers. */
    private static void prepare(Element body) {
        body.select(JUNK).remove();
        for (Element e : body.select("[style]")) {
            if (HIDDEN_STYLE.matcher(e.attr("style")).find()) {
                e.remove();
            }
        }
        // Lazy images keep their real address in data-src.
        for (Element img : body.select("img")) {
            if (img.attr("src").isBlank() || img.attr("src").startsWith("data:")) {
                for (String attr : List.of("data-src", "data-original", "data-lazy-src", "data-url")) {
                    if (!img.attr(attr).isBlank()) {
                        img.attr("src", img.attr(attr));
                        break;
                    }
                }
            }
        }
    }

    /**
     * Text length, commas and linked text of elements, counted once per element and kept until a removal below it
     * changes them: the scoring asks for them of every ancestor of every paragraph, and counting anew each time
     * would cost time in proportion to the page's size times its depth.
     */
    static final class TextStats {

        /** {characters, commas, characters inside links (weighted)} */
        private final Map<Element, double[]> memo = new IdentityHashMap<>();

        double[] of(Element e) {
            double[] known = memo.get(e);
            if (known != null) {
                return known;
            }
            double[] sum = new double[3];
            boolean link = e.tagName().equals("a");
            double linkWeight = link && e.attr("href").startsWith("#") && e.attr("href").length() > 1 ? 0.3 : 1;
            for (Node child : e.childNodes()) {
                if (child instanceof TextNode t) {
                    String text = t.getWholeText();
                    boolean space = false;
                    for (int i = 0; i < text.length(); i++) {
                        char c = text.charAt(i);
                        if (Character.isWhitespace(c) || c == '\u00a0') {
                            if (!space) {
                                sum[0]++;
                                space = true;
                            }
                        } else {
                            sum[0]++;
                            space = false;
                            if (c == ',') {
                                sum[1]++;
                            }
                        }
                    }
                } else if (child instanceof Element c) {
                    double[] inner = of(c);
                    sum[0] += inner[0];
                    sum[1] += inner[1];
                    sum[2] += inner[2];
                }
            }
            if (link) {
                sum[2] = sum[0] * linkWeight;
            }
            memo.put(e, sum);
            return sum;
        }

        double length(Element e) {
            return of(e)[0];
        }

        double commas(Element e) {
            return of(e)[1];
        }

        double linkDensity(Element e) {
            double[] s = of(e);
            return s[0] == 0 ? 0 : Math.min(1, s[2] / s[0]);
        }

        /** Removes the element and forgets the counts of its ancestors, which it was part of. */
        void remove(Element e) {
            for (Element p = e.parent(); p != null; p = p.parent()) {
                memo.remove(p);
            }
            e.remove();
        }
    }

    private static final class Pass {

        private final Rules rules;
        private final Map<Element, Double> scores = new IdentityHashMap<>();
        private final TextStats stats = new TextStats();

        Pass(Rules rules) {
            this.rules = rules;
        }

        Element article(Element body) {
            List<Element> toScore = collect(body);
            List<Element> candidates = new ArrayList<>();
            for (Element e : toScore) {
                double length = stats.length(e);
                if (length < 25 || e.parent() == null) {
                    continue;
                }
                double points = 1 + stats.commas(e) + Math.min(Math.floor(length / 100.0), 3);
                Element ancestor = e.parent();
                for (int level = 0; ancestor != null && level < 5; level++, ancestor = ancestor.parent()) {
                    if (ancestor.tagName().equals("#root") || ancestor.parent() == null && !ancestor.tagName().equals("body")) {
                        break;
                    }
                    if (!scores.containsKey(ancestor)) {
                        scores.put(ancestor, initialScore(ancestor));
                        candidates.add(ancestor);
                    }
                    double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
                    scores.merge(ancestor, points / divider, Double::sum);
                }
            }
            for (Element c : candidates) {
                scores.put(c, scores.get(c) * (1 - stats.linkDensity(c)));
            }
            candidates.sort(Comparator.comparingDouble((Element c) -> scores.get(c)).reversed());
            Element top = candidates.isEmpty() ? null : candidates.get(0);
            if (top == null || top == body) {
                Element all = new Element("div");
                for (Node child : new ArrayList<>(body.childNodes())) {
                    all.appendChild(child);
                }
                clean(all);
                return all;
            }
            top = sharedAncestor(top, candidates, body);
            top = climb(top, body);
            Element article = gatherSiblings(top);
            clean(article);
            return article;
        }

        /** Removes unlikely candidates and returns the elements whose text earns points. */
        private List<Element> collect(Element body) {
            List<Element> toScore = new ArrayList<>();
            for (Element e : new ArrayList<>(body.getAllElements())) {
                if (e == body || !attached(e, body)) {
                    continue;
                }
                String tag = e.tagName();
                if (rules.stripUnlikely) {
                    String match = e.className() + " " + e.id();
                    if (UNLIKELY.matcher(match).find() && !MAYBE.matcher(match).find() && !tag.equals("a")
                            && !inside(e, "table") && !inside(e, "code") && !inside(e, "pre")) {
                        e.remove();
                        continue;
                    }
                    if (UNLIKELY_ROLES.contains(e.attr("role").toLowerCase(Locale.ROOT))) {
                        e.remove();
                        continue;
                    }
                    if (tag.equals("nav") || tag.equals("aside") || (tag.equals("footer") && !inside(e, "article"))) {
                        e.remove();
                        continue;
                    }
                }
                if (SCORED_TAGS.contains(tag)) {
                    toScore.add(e);
                } else if (tag.equals("div") || tag.equals("article")) {
                    if (!hasBlockChild(e)) {
                        toScore.add(e);
                    } else {
                        wrapLooseText(e, toScore);
                    }
                }
            }
            return toScore;
        }

        /** Text written straight into a container next to blocks counts as a paragraph of its own. */
        private static void wrapLooseText(Element e, List<Element> toScore) {
            for (Node child : new ArrayList<>(e.childNodes())) {
                if (child instanceof TextNode t && t.text().strip().length() >= 25) {
                    Element p = new Element("p");
                    child.replaceWith(p);
                    p.appendChild(child);
                    toScore.add(p);
                }
            }
        }

        /** When three of the best candidates share an ancestor that scores well, that ancestor is the article. */
        private Element sharedAncestor(Element top, List<Element> ranked, Element body) {
            double topScore = scores.get(top);
            List<List<Element>> lines = new ArrayList<>();
            for (Element c : ranked.subList(1, Math.min(5, ranked.size()))) {
                if (scores.get(c) / topScore >= 0.75) {
                    lines.add(c.parents());
                }
            }
            if (lines.size() < 3) {
                return top;
            }
            for (Element parent = top.parent(); parent != null && parent != body; parent = parent.parent()) {
                int holding = 0;
                for (List<Element> line : lines) {
                    if (line.contains(parent)) {
                        holding++;
                    }
                }
                if (holding >= 3) {
                    return parent;
                }
            }
            return top;
        }

        /** Moves up while the parent scores better, or is a mere wrapper around the candidate. */
        private Element climb(Element top, Element body) {
            double last = scores.get(top);
            double threshold = last / 3;
            for (Element parent = top.parent(); parent != null && parent != body; parent = parent.parent()) {
                Double score = scores.get(parent);
                if (score == null) {
                    continue;
                }
                if (score < threshold) {
                    break;
                }
                if (score > last) {
                    top = parent;
                    break;
                }
                last = score;
            }
            while (top.parent() != null && top.parent() != body && top.parent().childrenSize() == 1) {
                top = top.parent();
            }
            return top;
        }

        /** The candidate plus the siblings that look like more of the same article. */
        private Element gatherSiblings(Element top) {
            Element article = new Element("div");
            Element parent = top.parent();
            if (parent == null) {
                article.appendChild(top);
                return article;
            }
            double topScore = scores.getOrDefault(top, 0.0);
            double threshold = Math.max(10, topScore * 0.2);
            for (Element sibling : new ArrayList<>(parent.children())) {
                boolean keep = sibling == top;
                if (!keep) {
                    double bonus = !top.className().isBlank() && sibling.className().equals(top.className())
                            ? topScore * 0.2 : 0;
                    Double score = scores.get(sibling);
                    if (score != null && score + bonus >= threshold) {
                        keep = true;
                    } else if (sibling.tagName().equals("p")) {
                        String text = sibling.text();
                        double density = stats.linkDensity(sibling);
                        keep = text.length() > 80 ? density < 0.25
                                : !text.isEmpty() && density == 0 && SENTENCE_END.matcher(text).find();
                    }
                }
                if (keep) {
                    article.appendChild(sibling);
                }
            }
            return article;
        }

        /** Takes out of the article what reads as boilerplate rather than content. */
        private void clean(Element article) {
            stats.memo.clear(); // the article was put together from moved nodes; count afresh
            article.select("footer, aside, iframe, form, fieldset, nav").forEach(e -> {
                if (!rules.cleanConditionally || e.tagName().equals("iframe") || e.tagName().equals("nav")
                        || e.tagName().equals("aside") || e.tagName().equals("footer")) {
                    stats.remove(e);
                } else {
                    conditionally(e);
                }
            });
            for (Element e : article.select("[class], [id]")) {
                String match = e.className() + " " + e.id();
                if (SHARE.matcher(match).find() && e.parent() != null && stats.length(e) < 500) {
                    stats.remove(e);
                }
            }
            if (rules.weighClasses) {
                for (Element h : article.select("h1, h2")) {
                    if (classWeight(h) < 0) {
                        stats.remove(h);
                    }
                }
            }
            if (rules.cleanConditionally) {
                for (String tag : List.of("table", "ul", "ol", "div", "section")) {
                    List<Element> found = new ArrayList<>(article.select(tag));
                    for (int i = found.size() - 1; i >= 0; i--) {
                        Element e = found.get(i);
                        if (attached(e, article)) {
                            conditionally(e);
                        }
                    }
                }
            }
            for (Element p : article.select("p")) {
                if (p.text().isBlank() && p.select("img, picture, video, audio, iframe").isEmpty()) {
                    stats.remove(p);
                }
            }
        }

        /** Removes the block when its text, links, images and form fields say it is not part of the article. */
        private void conditionally(Element e) {
            String tag = e.tagName();
            if (tag.equals("table") && isDataTable(e) || inside(e, "code") || inside(e, "pre")) {
                return;
            }
            double weight = classWeight(e);
            double score = scores.getOrDefault(e, 0.0);
            if (weight + score < 0) {
                stats.remove(e);
                return;
            }
            if (stats.commas(e) >= 10) {
                return;
            }
            double length = stats.length(e);
            boolean list = tag.equals("ul") || tag.equals("ol");
            if (!list) {
                double listText = 0;
                for (Element l : e.select("ul, ol")) {
                    listText += stats.length(l);
                }
                list = length > 0 && listText / length > 0.9;
            }
            int paragraphs = e.select("p").size();
            int images = e.select("img").size();
            int items = e.select("li").size() - 100;
            int inputs = e.select("input").size();
            int embeds = e.select("object, embed, iframe, video").size();
            double headingText = 0;
            for (Element h : e.select("h1, h2, h3, h4, h5, h6")) {
                headingText += stats.length(h);
            }
            double headingDensity = length == 0 ? 0 : headingText / length;
            double density = stats.linkDensity(e);
            boolean inFigure = inside(e, "figure");
            boolean remove = (images > 1 && paragraphs / (double) images < 0.5 && !inFigure)
                    || (!list && items > paragraphs)
                    || (inputs > Math.floor(paragraphs / 3.0))
                    || (!list && headingDensity < 0.9 && length < 25 && (images == 0 || images > 2) && !inFigure
                            && e.select("pre, code, table").isEmpty())
                    || (!list && weight < 25 && density > 0.2)
                    || (weight >= 25 && density > 0.5)
                    || (embeds == 1 && length < 75) || embeds > 1;
            if (list && remove && density < 0.5 && images == 0) {
                remove = false; // a list of plain text items is content, even when short
            }
            if (remove) {
                stats.remove(e);
            }
        }

        private double initialScore(Element e) {
            double score = switch (e.tagName()) {
                case "div", "article", "main" -> 5;
                case "pre", "td", "blockquote" -> 3;
                case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
                case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
                default -> 0;
            };
            return score + classWeight(e);
        }

        private double classWeight(Element e) {
            if (!rules.weighClasses) {
                return 0;
            }
            double weight = 0;
            for (String name : new String[] {e.className(), e.id()}) {
                if (!name.isEmpty()) {
                    if (NEGATIVE.matcher(name).find()) {
                        weight -= 25;
                    }
                    if (POSITIVE.matcher(name).find()) {
                        weight += 25;
                    }
                }
            }
            return weight;
        }
    }

    private static boolean isDataTable(Element table) {
        if (table.attr("role").equals("presentation") || table.attr("datatable").equals("0")) {
            return false;
        }
        if (!table.attr("summary").isBlank() || table.selectFirst("caption, thead, th, tfoot, colgroup") != null) {
            return true;
        }
        if (table.selectFirst("table") != null) {
            return false;
        }
        int rows = table.select("tr").size();
        int columns = 0;
        for (Element tr : table.select("tr")) {
            columns = Math.max(columns, tr.select("td").size());
        }
        return rows >= 10 || columns > 4 || rows * columns > 10;
    }

    private static boolean hasBlockChild(Element e) {
        for (Element child : e.children()) {
            if (BLOCK_TAGS.contains(child.tagName())) {
                return true;
            }
        }
        return false;
    }

    /** Whether an ancestor of the element has the tag. */
    static boolean inside(Element e, String tag) {
        for (Element p = e.parent(); p != null; p = p.parent()) {
            if (p.tagName().equals(tag)) {
                return true;
            }
        }
        return false;
    }

    private static boolean attached(Element e, Element root) {
        for (Element p = e; p != null; p = p.parent()) {
            if (p == root) {
                return true;
            }
        }
        return false;
    }

}
