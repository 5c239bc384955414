package dev.mcpbridge.core.mcp;

import io.modelcontextprotocol.util.McpUriTemplateManager;
import io.modelcontextprotocol.util.McpUriTemplateManagerFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resource templates with RFC 6570's reserved expansion besides simple variables: {@code {name}} matches one path
 * segment (no '/'), {@code {+name}} matches the rest, slashes included, so that {@code jina://{+url}} takes
 * {@code jina://https://example.com/a/b}. The SDK's own manager knows only the first kind.
 */
final class UriTemplates implements McpUriTemplateManagerFactory {

    private static final Pattern VARIABLE = Pattern.compile("\\{(\\+?)([^{}]+)}");

    @Override
    public McpUriTemplateManager create(String template) {
        return new Manager(template);
    }

    static Map<String, String> variables(String template, String uri) {
        return new Manager(template).extractVariableValues(uri);
    }

    private static final class Manager implements McpUriTemplateManager {

        private final List<String> names = new ArrayList<>();
        private final Pattern pattern;

        Manager(String template) {
            StringBuilder regex = new StringBuilder("^");
            Matcher m = VARIABLE.matcher(template);
            int at = 0;
            while (m.find()) {
                regex.append(Pattern.quote(template.substring(at, m.start())));
                regex.append(m.group(1).isEmpty() ? "([^/]+?)" : "(.+?)");
                names.add(m.group(2).strip());
                at = m.end();
            }
            regex.append(Pattern.quote(template.substring(at))).append('$');
            pattern = Pattern.compile(regex.toString());
        }

        @Override
        public List<String> getVariableNames() {
            return List.copyOf(names);
        }

        @Override
        public Map<String, String> extractVariableValues(String uri) {
            Map<String, String> values = new LinkedHashMap<>();
            Matcher m = uri == null ? null : pattern.matcher(uri);
            if (m != null && m.matches()) {
                for (int i = 0; i < names.size(); i++) {
                    values.put(names.get(i), m.group(i + 1));
                }
            }
            return values;
        }

        @Override
        public boolean matches(String uri) {
            return uri != null && pattern.matcher(uri).matches();
        }

        @Override
        public boolean isUriTemplate(String uri) {
            return uri != null && VARIABLE.matcher(uri).find();
        }
    }
}
