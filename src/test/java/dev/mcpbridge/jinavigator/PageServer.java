package dev.mcpbridge.jinavigator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A web site on loopback (free port) serving the pages the jinavigator tests read: an article wrapped in
 * navigation, banners and footers, pages in other charsets, redirects, a 5 MB page, a page that never finishes, a
 * 404, a PDF made with PDFBox, Markdown and text, and a robots.txt. It counts the requests each path receives, so
 * tests can prove that a refused URL never reached it.
 */
final class PageServer implements AutoCloseable {

    static final String ARTICLE = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Tide Pools of the North Coast | Coastal Weekly</title>
            <meta property="og:title" content="Tide Pools of the North Coast">
            <style>.x { color: red }</style><script>window.track = function () { return 'tracking code'; };</script>
            </head><body>
            <div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience. Accept all cookies?
              <button>Accept</button></div>
            <header class="site-header"><a href="/">Coastal Weekly</a>
              <nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
              <li><a href="/weather">Weather</a></li><li><a href="/about">About us</a></li></ul></nav></header>
            <div class="layout">
            <aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Celebrity gossip roundup</a></li>
              <li><a href="/b">Ten gadgets you need</a></li><li><a href="/c">Horoscope for the week</a></li></ul></aside>
            <main><article class="post-content">
            <h1>Tide Pools of the North Coast</h1>
            <p class="byline">By Ada Marsh</p>
            <p>Tide pools form where the sea retreats twice a day and leaves water trapped among the rocks, a small world
            that changes with every tide, and the animals that live there have learned to survive heat, cold, and the
            pounding of waves.</p>
            <p>Anemones close into tight green knots when the water leaves them, while hermit crabs wander from pool to
            pool looking for a larger shell, and the careful visitor can watch all of it from a dry ledge.</p>
            <h2>Where to look</h2>
            <p>The best pools sit on the <a href="/guides/rocks.html">flat volcanic shelves</a> north of the harbour,
            reachable on foot for about two hours around low tide, when the shelf is dry enough to cross safely.</p>
            <img src="images/anemone.jpg" alt="A green anemone">
            <h3>Tide tables</h3>
            <table><thead><tr><th>Day</th><th>Low tide</th><th>Height</th></tr></thead>
            <tbody><tr><td>Monday</td><td>06:12</td><td>0.4 m</td></tr><tr><td>Tuesday</td><td>06:58</td><td>0.3 m</td></tr></tbody></table>
            <h2>Counting what you see</h2>
            <p>Volunteers log every species they find, and the counts go into a shared record that scientists use to
            follow how the pools change from one year to the next, which is why accuracy matters more than speed.</p>
            <pre><code class="language-python"># this line is a comment, not a heading
            counts = {"anemone": 12, "crab": 3}
            print(sum(counts.values()))</code></pre>
            <p>Each entry names the pool, the time, and the animals counted, and the record is open for anyone to read.</p>
            <div class="share-tools"><a href="/share/fb">Share on Facebook</a> <a href="/share/x">Share on X</a></div>
            </article></main></div>
            <section class="newsletter-signup"><h2>Sign up for our newsletter</h2><form><input type="email"></form></section>
            <div class="related-stories"><h2>Related stories</h2><ul><li><a href="/r1">Whales spotted off the point</a></li>
              <li><a href="/r2">Harbour dredging delayed again</a></li><li><a href="/r3">Lighthouse open day</a></li></ul></div>
            <footer class="site-footer"><p>Copyright 2026 Coastal Weekly. All rights reserved.</p>
              <a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a></footer>
            <div style="display:none">Hidden promotional text</div>
            </body></html>
            """;

    static final String SETEXT = """
            Field Guide
            ===========

            Intro text.

            Birds
            -----

            ```
            # not a heading inside code
            Also not
            ========
            ```

            ### Gulls

            ~~~md
            ## fenced with tildes
            ~~~

            Shore life
            ----------

            #### Deep detail
            """;

    private final HttpServer server;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);

    PageServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "page-server");
            t.setDaemon(true);
            return t;
        }));
        byte[] pdf = pdf();
        byte[] big = bigPage();
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            switch (path) {
                case "/article.html" -> send(exchange, 200, "text/html; charset=utf-8", ARTICLE.getBytes(StandardCharsets.UTF_8));
                case "/latin1.html" -> send(exchange, 200, "text/html; charset=ISO-8859-1",
                        "<html><body><p>Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e \u00e0 la fran\u00e7aise</p></body></html>"
                                .getBytes(Charset.forName("ISO-8859-1")));
                case "/cp1251-meta.html" -> send(exchange, 200, "text/html",
                        ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">"
                                + "</head><body><p>\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440</p></body></html>")
                                .getBytes(Charset.forName("windows-1251")));
                case "/sjis-meta.html" -> send(exchange, 200, "text/html",
                        "<html><head><meta charset=\"Shift_JIS\"></head><body><p>\u6f6e\u3060\u307e\u308a</p></body></html>"
                                .getBytes(Charset.forName("Shift_JIS")));
                case "/notes.md" -> send(exchange, 200, "text/markdown; charset=utf-8", SETEXT.getBytes(StandardCharsets.UTF_8));
                case "/plain.txt" -> send(exchange, 200, "text/plain", "line one\nline two\nline three\n".getBytes(StandardCharsets.UTF_8));
                case "/doc.pdf" -> send(exchange, 200, "application/pdf", pdf);
                case "/image.png" -> send(exchange, 200, "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
                case "/big.html" -> send(exchange, 200, "text/html; charset=utf-8", big);
                case "/redirect" -> redirect(exchange, "/article.html");
                case "/redirect-chain" -> redirect(exchange, "/redirect");
                case "/loop" -> redirect(exchange, "/loop");
                case "/to-metadata" -> redirect(exchange, "http://169.254.169.254/latest/meta-data/");
                case "/to-loopback-alias" -> redirect(exchange, "http://127.0.0.2:" + port() + "/article.html");
                case "/to-file" -> redirect(exchange, "file:///etc/passwd");
                case "/slow" -> {
                    exchange.getResponseHeaders().add("Content-Type", "text/html");
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write("<html><body><p>The beginning".getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        release.await(); // never finishes while the test runs
                    } catch (InterruptedException | IOException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                case "/robots.txt" -> send(exchange, 200, "text/plain",
                        "User-agent: *\nDisallow: /private/\n".getBytes(StandardCharsets.UTF_8));
                case "/private/page.html" -> send(exchange, 200, "text/html", "<p>secret page</p>".getBytes(StandardCharsets.UTF_8));
                default -> send(exchange, 404, "text/html", "<h1>Not found</h1>".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    String hostPort() {
        return "127.0.0.1:" + port();
    }

    int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    int totalHits() {
        return hits.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    /** A two-page PDF with a title, written with PDFBox. */
    static byte[] pdf() {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.getDocumentInformation().setTitle("Harbour Report");
            String[] texts = {"Quarterly harbour traffic rose by four percent.", "Dredging resumes in the spring."};
            for (String text : texts) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    content.newLineAtOffset(72, 700);
                    content.showText(text);
                    content.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 5 MB article: many paragraphs, one marker near the start and one at the very end. */
    private static byte[] bigPage() {
        StringBuilder sb = new StringBuilder("<html><head><title>Big page</title></head><body><article>");
        sb.append("<h1>Big page</h1><p>START-MARKER, the opening paragraph of a very long page.</p>");
        String para = "<p>Paragraph of filler text about the sea, the rocks, the birds, and the weather, repeated to "
                + "make the page long enough to test limits.</p>\n";
        while (sb.length() < 5 * 1024 * 1024) {
            sb.append(para);
        }
        sb.append("<p>END-MARKER</p></article></body></html>");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
