package dev.mcpbridge.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsTheUsualForms() {
        assertThat(Durations.parseMillis("250")).isEqualTo(250);
        assertThat(Durations.parseMillis("250ms")).isEqualTo(250);
        assertThat(Durations.parseMillis("30s")).isEqualTo(30_000);
        assertThat(Durations.parseMillis("2m")).isEqualTo(120_000);
        assertThat(Durations.parseMillis("1h")).isEqualTo(3_600_000);
        assertThat(Durations.parseMillis("PT1M30S")).isEqualTo(90_000);
    }

    @Test
    void refusesNonsenseAndZero() {
        assertThatThrownBy(() -> Durations.parseMillis("soon")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> Durations.parseMillis("0s")).hasMessageContaining("must be a positive duration");
    }
}
