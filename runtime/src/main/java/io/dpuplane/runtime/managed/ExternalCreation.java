package io.dpuplane.runtime.managed;

import java.util.Map;

/** What create returned: connection details to publish. */
public record ExternalCreation(Map<String, byte[]> connectionDetails) {

    public ExternalCreation {
        connectionDetails = connectionDetails == null ? Map.of() : Map.copyOf(connectionDetails);
    }

    public static ExternalCreation none() {
        return new ExternalCreation(Map.of());
    }
}
