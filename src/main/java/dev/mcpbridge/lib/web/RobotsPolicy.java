package dev.mcpbridge.lib.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import dev.mcpbridge.core.spi.ToolException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Honours robots.txt for the pages an adapter fetches (crawler-commons reads the rules): the rules of each
 * site are fetched once and kept for an hour. A site without robots.txt, or one whose robots.txt cannot be
 * reached, allows everything; the page's own fetch then reports any network problem.
 */
public final class RobotsPolicy {

    private static final long MAX_ROBOTS_BYTES = 512 * 1024;

    private final WebFetcher fetcher;
    private final Duration timeout;
    private final String agent;
    private final String offHint;
    private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
    private final Cache<String, BaseRobotRules> rules = Caffeine.newBuilder().maximumSize(1_000)
            .expireAfterWrite(Duration.ofHours(1)).build();

    /**
     * @param offHint how the operator can stop honouring robots.txt, in the adapter's own setting names; ends the
     *     refusal message in parentheses
     */
    public RobotsPolicy(WebFetcher fetcher, Duration timeout, String offHint) {
        this.fetcher = fetcher;
        this.timeout = timeout;
        this.offHint = offHint;
        // The product token of the User-Agent is the name robots.txt groups are matched against.
        this.agent = fetcher.userAgent().split("[/\\s]")[0].toLowerCase(Locale.ROOT);
    }

    /** Throws a {@link ToolException} when the site's robots.txt disallows the URL for our agent. */
    void check(URI uri) {
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        BaseRobotRules siteRules = rules.get(origin, this::load);
        if (!siteRules.isAllowed(uri.toString())) {
            throw new ToolException("robots.txt of " + origin + " disallows " + uri + " for '" + agent
                    + "' (" + offHint + ")");
        }
    }

    private BaseRobotRules load(String origin) {
        String robots = origin + "/robots.txt";
        WebFetcher.Answer answer;
        try {
            answer = fetcher.get(robots, Map.of("Accept", "text/plain,*/*;q=0.5"), timeout, MAX_ROBOTS_BYTES);
        } catch (ToolException e) {
            return new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL);
        }
        if (answer.status() != 200) {
            // 4xx: no rules, all allowed; 5xx: the site is failing, crawl nothing for now (RFC 9309).
            return parser.failedFetch(answer.status());
        }
        return parser.parseContent(robots, answer.body(), answer.header("Content-Type"), List.of(agent));
    }
}
