package io.dpuplane.functions.dpuset;

import io.dpuplane.functions.sdk.Unstructured.ObservedCondition;
import io.dpuplane.functions.sdk.Unstructured;
import java.util.Optional;

/**
 * A DPU of the set as it exists: which card it stands for, what its spec provisions, and whether the
 * provider reports it Ready for that spec.
 */
record ObservedDpu(String key, String name, String hostNode, String deviceName, Revision revision,
        boolean ready, boolean failed, String problem) {

    static final String KIND = "DPU";
    private static final ObservedCondition UNKNOWN = new ObservedCondition("", "Unknown", "", "", 0);

    /** The DPU among a composite's observed resources under this key; empty for anything else. */
    static Optional<ObservedDpu> from(String key, Unstructured object) {
        if (!KIND.equals(object.kind()) || !Inventory.API_VERSION.equals(object.apiVersion())) {
            return Optional.empty();
        }
        Unstructured forProvider = object.object("spec", "forProvider");
        Revision revision = new Revision(forProvider.string("bfbRef", "name").orElse(""),
                forProvider.string("flavorRef", "name").orElse(""));
        Unstructured status = object.object("status");
        ObservedCondition ready = object.condition("Ready").orElse(UNKNOWN);
        ObservedCondition synced = object.condition("Synced").orElse(UNKNOWN);
        boolean available = isReadyFor(object.generation(), status, ready, revision);
        boolean failed = !available && ("Error".equals(status.string("atProvider", "phase").orElse(""))
                || synced.isFalse());
        return Optional.of(new ObservedDpu(key, object.name(), forProvider.string("hostNode").orElse(""),
                forProvider.string("deviceRef", "name").orElse(""), revision, available, failed,
                available ? "" : problem(status, ready, synced)));
    }

    boolean runs(Revision target) {
        return revision.equals(target);
    }

    /**
     * Ready means the provider says so for the current spec: a Ready condition set before the last spec
     * change, or for an install of other content, is not believed, so a DPU just told to re-provision
     * never counts as available.
     */
    private static boolean isReadyFor(long generation, Unstructured status, ObservedCondition ready,
            Revision revision) {
        if (!ready.isTrue()) {
            return false;
        }
        long statusGeneration = status.number("observedGeneration").orElse(0L);
        if (generation > 0 && (ready.observedGeneration() > 0 && ready.observedGeneration() < generation
                || statusGeneration > 0 && statusGeneration < generation)) {
            return false;
        }
        Unstructured installed = status.object("atProvider", "installed");
        return installed.string("bfb").map(revision.bfb()::equals).orElse(true)
                && installed.string("flavor").map(revision.flavor()::equals).orElse(true);
    }

    // What a user should read about a DPU that is not Ready: the provider's last error, else a condition.
    private static String problem(Unstructured status, ObservedCondition ready, ObservedCondition synced) {
        Optional<String> lastError = status.string("atProvider", "lastError").filter(s -> !s.isBlank());
        if (lastError.isPresent()) {
            return lastError.get();
        }
        if (synced.isFalse() && !synced.message().isBlank()) {
            return synced.message();
        }
        if (ready.reason().isEmpty()) {
            return "";
        }
        return ready.reason() + (ready.message().isBlank() ? "" : ": " + ready.message());
    }
}
