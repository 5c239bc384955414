package dev.mcpbridge.core.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The environment variables an adapter descriptor declares as secret settings, read without validating the rest of
 * the descriptor: adapters that are not served are not loaded, yet their tokens must still be kept from child
 * processes and masked in output.
 */
public final class SecretSettings {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private SecretSettings() {
    }

    /** The env names of the settings marked {@code secret: true}; none when the text is not a readable descriptor. */
    public static Set<String> environmentNames(String descriptorYaml) {
        Set<String> names = new LinkedHashSet<>();
        try {
            JsonNode settings = YAML.readTree(descriptorYaml).path("settings");
            settings.fields().forEachRemaining(e -> {
                JsonNode s = e.getValue();
                if (s.path("secret").asBoolean(false) && s.path("env").isTextual()) {
                    names.add(s.path("env").asText());
                }
            });
        } catch (IOException | RuntimeException e) {
            // An unreadable descriptor is reported when it is served; here it simply declares nothing.
        }
        return names;
    }
}
