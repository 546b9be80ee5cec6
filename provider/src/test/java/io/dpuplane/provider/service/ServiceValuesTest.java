package io.dpuplane.provider.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values merge as Helm users expect: nested maps merge key by key, anything else is replaced whole. */
class ServiceValuesTest {

    @Test
    void aLaterSourceWinsPerKeyAndNestedMapsMerge() {
        Map<String, Object> values = new LinkedHashMap<>(Map.of(
                "serviceDaemonSet", Map.of("labels", Map.of("a", "1", "b", "2"), "nodeSelector", Map.of("x", "y")),
                "ports", List.of(1, 2), "logLevel", "info"));

        ServiceValues.merge(values, Map.of("serviceDaemonSet", Map.of("labels", Map.of("b", "3")),
                "ports", List.of(3), "logLevel", "debug"));

        assertThat(values).containsEntry("logLevel", "debug").containsEntry("ports", List.of(3))
                .containsEntry("serviceDaemonSet", Map.of("labels", Map.of("a", "1", "b", "3"),
                        "nodeSelector", Map.of("x", "y")));
    }
}
