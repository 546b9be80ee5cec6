package io.dpuplane.runtime.managed;

import java.util.Map;

/** What update returned: connection details to publish. */
public record ExternalUpdate(Map<String, byte[]> connectionDetails) {

    public ExternalUpdate {
        connectionDetails = connectionDetails == null ? Map.of() : Map.copyOf(connectionDetails);
    }

    public static ExternalUpdate none() {
        return new ExternalUpdate(Map.of());
    }
}
