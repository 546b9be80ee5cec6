package io.dpuplane.functions.dpuset;

import static io.dpuplane.functions.sdk.StructFields.number;
import static io.dpuplane.functions.sdk.StructFields.struct;
import static io.dpuplane.functions.sdk.StructFields.text;

import com.google.protobuf.Value;
import io.dpuplane.functions.sdk.StructFields;
import io.dpuplane.functions.sdk.Unstructured.ObservedCondition;
import io.dpuplane.functions.sdk.Unstructured;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A DPU of the set as it exists: which card it stands for, what its spec provisions, and whether the
 * provider reports it Ready for that spec. Read field by field from the protobuf Struct, each map looked
 * up once: a set reads a thousand of these per call.
 */
public record ObservedDpu(String key, String name, String hostNode, String deviceName, Revision revision,
        boolean ready, boolean failed, String problem) {

    static final String KIND = "DPU";
    private static final Map<String, Value> NONE = Map.of();

    /**
     * The DPU among a composite's observed resources under this key; empty for anything else. Of its
     * cluster node labels only those the set rolls ({@code rolledLabels}) count towards its revision.
     */
    static Optional<ObservedDpu> from(String key, Unstructured object, Set<String> rolledLabels) {
        Map<String, Value> fields = StructFields.of(object.object());
        if (!KIND.equals(text(fields, "kind")) || !Inventory.API_VERSION.equals(text(fields, "apiVersion"))) {
            return Optional.empty();
        }
        Map<String, Value> metadata = struct(fields, "metadata");
        Map<String, Value> forProvider = struct(struct(fields, "spec"), "forProvider");
        Revision revision = new Revision(text(struct(forProvider, "bfbRef"), "name"),
                text(struct(forProvider, "flavorRef"), "name"), rolledLabels.isEmpty() ? Map.of()
                        : rolled(struct(forProvider, "clusterNodeLabels"), rolledLabels));
        Map<String, Value> status = struct(fields, "status");
        Map<String, Value> ready = NONE;
        Map<String, Value> synced = NONE;
        Value conditions = status.get("conditions");
        if (conditions != null && conditions.hasListValue()) {
            for (Value entry : conditions.getListValue().getValuesList()) {
                Map<String, Value> condition = entry.getStructValue().getFieldsMap();
                String type = text(condition, "type");
                if ("Ready".equals(type)) {
                    ready = condition;
                } else if ("Synced".equals(type)) {
                    synced = condition;
                }
            }
        }
        Map<String, Value> atProvider = struct(status, "atProvider");
        boolean available = isReadyFor(number(metadata, "generation"), number(status, "observedGeneration"),
                struct(atProvider, "installed"), ready, revision);
        boolean syncedFalse = "False".equals(text(synced, "status"));
        boolean failed = !available && ("Error".equals(text(atProvider, "phase")) || syncedFalse);
        return Optional.of(new ObservedDpu(key, text(metadata, "name"), text(forProvider, "hostNode"),
                text(struct(forProvider, "deviceRef"), "name"), revision, available, failed,
                available ? "" : problem(text(atProvider, "lastError"), condition("Ready", ready),
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
    private static boolean isReadyFor(long generation, long statusGeneration, Map<String, Value> installed,
            Map<String, Value> ready, Revision revision) {
        if (!"True".equals(text(ready, "status"))) {
            return false;
        }
        long readyGeneration = number(ready, "observedGeneration");
        if (generation > 0 && (readyGeneration > 0 && readyGeneration < generation
                || statusGeneration > 0 && statusGeneration < generation)) {
            return false;
        }
        String bfb = text(installed, "bfb");
        String flavor = text(installed, "flavor");
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

    private static Map<String, String> rolled(Map<String, Value> labels, Set<String> keys) {
        Map<String, String> rolled = new HashMap<>();
        for (String key : keys) {
            Value value = labels.get(key);
            if (value != null && value.hasStringValue()) {
                rolled.put(key, value.getStringValue());
            }
        }
        return rolled;
    }

    // Read in full only for a DPU that is not available, whose message a user will read.
    private static ObservedCondition condition(String type, Map<String, Value> condition) {
        String status = text(condition, "status");
        return new ObservedCondition(type, status.isEmpty() ? "Unknown" : status, text(condition, "reason"),
                text(condition, "message"), number(condition, "observedGeneration"));
    }
}
