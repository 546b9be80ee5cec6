package io.dpuplane.runtime.managed;

import java.time.Duration;
import java.util.Map;

/**
 * What observe found: whether the external resource exists, whether it matches the desired state,
 * whether observe filled unset spec fields (late initialization), and connection details to publish.
 * {@code recheckAfter}, when set, asks for the next look sooner than the poll interval (work in progress
 * whose progress the status should show, such as a download).
 */
public record ExternalObservation(boolean resourceExists, boolean resourceUpToDate, boolean resourceLateInitialized,
        Map<String, byte[]> connectionDetails, String diff, Duration recheckAfter) {

    public ExternalObservation {
        connectionDetails = connectionDetails == null ? Map.of() : Map.copyOf(connectionDetails);
    }

    public ExternalObservation(boolean resourceExists, boolean resourceUpToDate, boolean resourceLateInitialized,
            Map<String, byte[]> connectionDetails, String diff) {
        this(resourceExists, resourceUpToDate, resourceLateInitialized, connectionDetails, diff, null);
    }

    public static ExternalObservation absent() {
        return new ExternalObservation(false, false, false, Map.of(), null);
    }

    public static ExternalObservation upToDate(Map<String, byte[]> connectionDetails) {
        return new ExternalObservation(true, true, false, connectionDetails, null);
    }

    public static ExternalObservation drifted(String diff) {
        return new ExternalObservation(true, false, false, Map.of(), diff);
    }

    public ExternalObservation withLateInitialized() {
        return new ExternalObservation(resourceExists, resourceUpToDate, true, connectionDetails, diff, recheckAfter);
    }

    public ExternalObservation withRecheckAfter(Duration after) {
        return new ExternalObservation(resourceExists, resourceUpToDate, resourceLateInitialized, connectionDetails, diff,
                after);
    }
}
