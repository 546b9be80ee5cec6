package io.dpuplane.functions.dpuset;

import io.dpuplane.functions.sdk.Unstructured.ObservedCondition;
import io.dpuplane.functions.sdk.Unstructured;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A DPU of the set as it exists: which card it stands for, what its spec provisions, and whether the
 * provider reports it Ready for that spec. Read field by field, straight from the request's bytes: a set
 * reads a thousand of these per call.
 */
public record ObservedDpu(String key, String name, String hostNode, String deviceName, Revision revision,
        boolean ready, boolean failed, String problem) {

    static final String KIND = "DPU";

    /**
     * The DPU among a composite's observed resources under this key; empty for anything else. Of its
     * cluster node labels only those the set rolls ({@code rolledLabels}) count towards its revision.
     */
    static Optional<ObservedDpu> from(String key, Unstructured object, Set<String> rolledLabels) {
        if (!object.hasText("kind", KIND) || !object.hasText("apiVersion", Inventory.API_VERSION)) {
            return Optional.empty();
        }
        Unstructured metadata = object.object("metadata");
        Unstructured forProvider = object.object("spec").object("forProvider");
        Revision revision = new Revision(forProvider.object("bfbRef").text("name"),
                forProvider.object("flavorRef").text("name"), rolledLabels.isEmpty() ? Map.of()
                        : rolled(forProvider.object("clusterNodeLabels"), rolledLabels));
        Unstructured status = object.object("status");
        Unstructured ready = Unstructured.EMPTY;
        Unstructured synced = Unstructured.EMPTY;
        for (Unstructured condition : status.objects("conditions")) {
            if (condition.hasText("type", "Ready")) {
                ready = condition;
            } else if (condition.hasText("type", "Synced")) {
                synced = condition;
            }
        }
        Unstructured atProvider = status.object("atProvider");
        boolean available = isReadyFor(metadata.integer("generation"), status.integer("observedGeneration"),
                atProvider.object("installed"), ready, revision);
        boolean syncedFalse = synced.hasText("status", "False");
        boolean failed = !available && (atProvider.hasText("phase", "Error") || syncedFalse);
        return Optional.of(new ObservedDpu(key, metadata.text("name"), forProvider.text("hostNode"),
                forProvider.object("deviceRef").text("name"), revision, available, failed,
                available ? "" : problem(atProvider.text("lastError"), condition("Ready", ready),
                        condition("Synced", synced))));
    }

    boolean runs(Revision target) {
        return revision.equals(target);
    }

    /**
     * Ready means the provider says so for the current spec: a Ready condition set before the last spec
     * change, or for an install of other content, is not believed, so a DPU just told to re-provision
     * never counts as available.
     */
    private static boolean isReadyFor(long generation, long statusGeneration, Unstructured installed,
            Unstructured ready, Revision revision) {
        if (!ready.hasText("status", "True")) {
            return false;
        }
        long readyGeneration = ready.integer("observedGeneration");
        if (generation > 0 && (readyGeneration > 0 && readyGeneration < generation
                || statusGeneration > 0 && statusGeneration < generation)) {
            return false;
        }
        String bfb = installed.text("bfb");
        String flavor = installed.text("flavor");
        return (bfb.isEmpty() || bfb.equals(revision.bfb())) && (flavor.isEmpty() || flavor.equals(revision.flavor()));
    }

    // What a user should read about a DPU that is not Ready: the provider's last error, else a condition.
    private static String problem(String lastError, ObservedCondition ready, ObservedCondition synced) {
        if (!lastError.isBlank()) {
            return lastError;
        }
        if (synced.isFalse() && !synced.message().isBlank()) {
            return synced.message();
        }
        if (ready.reason().isEmpty()) {
            return "";
        }
        return ready.reason() + (ready.message().isBlank() ? "" : ": " + ready.message());
    }

    private static Map<String, String> rolled(Unstructured labels, Set<String> keys) {
        Map<String, String> rolled = new HashMap<>();
        for (String key : keys) {
            labels.string(key).ifPresent(value -> rolled.put(key, value));
        }
        return rolled;
    }

    // Read in full only for a DPU that is not available, whose message a user will read.
    private static ObservedCondition condition(String type, Unstructured condition) {
        String status = condition.text("status");
        return new ObservedCondition(type, status.isEmpty() ? "Unknown" : status, condition.text("reason"),
                condition.text("message"), condition.integer("observedGeneration"));
    }
}
