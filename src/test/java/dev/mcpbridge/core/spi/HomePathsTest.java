package dev.mcpbridge.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ~} is $HOME as the shell and the launcher read it, not Java's user.home, wherever a path is read. */
class HomePathsTest {

    @Test
    void aTildeStartsAtHomeFromTheEnvironmentBeforeJavasUserHome() {
        Map<String, String> env = Map.of("HOME", "/home/roo");
        assertThat(HomePaths.expand("~", env, "/java/home")).isEqualTo("/home/roo");
        assertThat(HomePaths.expand("~/audit.jsonl", env, "/java/home")).isEqualTo("/home/roo/audit.jsonl");
        assertThat(HomePaths.expand("~\\audit.jsonl", env, "/java/home")).isEqualTo("/home/roo\\audit.jsonl");
    }

    @Test
    void withoutHomeItIsUserProfileThenJavasUserHome() {
        assertThat(HomePaths.expand("~/a", Map.of("USERPROFILE", "C:\\Users\\roo"), "/j")).isEqualTo("C:\\Users\\roo/a");
        assertThat(HomePaths.expand("~/a", Map.of("HOME", " "), "/java/home")).isEqualTo("/java/home/a");
    }

    @Test
    void otherPathsAreUnchanged() {
        Map<String, String> env = Map.of("HOME", "/home/roo");
        assertThat(HomePaths.expand("/var/log/a", env, "/j")).isEqualTo("/var/log/a");
        assertThat(HomePaths.expand("~roo/a", env, "/j")).isEqualTo("~roo/a");
        assertThat(HomePaths.expand("a/~/b", env, "/j")).isEqualTo("a/~/b");
        assertThat(HomePaths.expand(null, env, "/j")).isNull();
    }
}
