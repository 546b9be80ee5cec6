package io.dpuplane.provider.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** An Application's spec matches ours when every field we set has our value; fields others add do not count. */
class ArgoCdSpecMatchTest {

    @Test
    void anApplicationChangedOnlyByFieldsArgoCdAddsStillMatches() {
        Map<String, Object> wanted = Map.of("source", Map.of("chart", "c", "targetRevision", "1.0.0"));
        Map<String, Object> withDefaults = Map.of("source", Map.of("chart", "c", "targetRevision", "1.0.0",
                "path", ""), "revisionHistoryLimit", 10);

        assertThat(ArgoCdDelivery.contains(withDefaults, wanted)).isTrue();
        assertThat(ArgoCdDelivery.contains(Map.of("source", Map.of("chart", "c", "targetRevision", "1.1.0")), wanted))
                .isFalse();
    }
}
