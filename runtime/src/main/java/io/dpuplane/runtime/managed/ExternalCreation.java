package io.dpuplane.runtime.managed;

import java.time.Duration;
import java.util.Map;

/**
 * What create returned: connection details to publish, and when to observe the new resource. By default at once
 * (crossplane-runtime requeues right after a create); a kind whose creation takes minutes says when a look would
 * tell something, so a thousand creates do not each cost a second reconcile straight away.
 */
public record ExternalCreation(Map<String, byte[]> connectionDetails, Duration recheckAfter) {

    public ExternalCreation {
        connectionDetails = connectionDetails == null ? Map.of() : Map.copyOf(connectionDetails);
    }

    public ExternalCreation(Map<String, byte[]> connectionDetails) {
        this(connectionDetails, null);
    }

    public static ExternalCreation none() {
        return new ExternalCreation(Map.of());
    }

    /** No connection details; observe again after {@code recheckAfter}. */
    public static ExternalCreation observeAfter(Duration recheckAfter) {
        return new ExternalCreation(Map.of(), recheckAfter);
    }
}
