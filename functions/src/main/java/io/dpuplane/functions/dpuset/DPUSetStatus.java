package io.dpuplane.functions.dpuset;

import com.google.protobuf.Struct;
import io.dpuplane.functions.sdk.Structs;
import io.dpuplane.functions.sdk.Unstructured;
import java.util.Optional;

/**
 * The counts a DPUSet reports in its status. {@code desired = ready + provisioning + failed};
 * {@code updated} counts the DPUs whose spec already names the set's BFB and flavor (new cards included).
 */
public record DPUSetStatus(int desired, int ready, int provisioning, int failed, int updated) {

    /** The counts the composite reported after the last reconcile, if it has any yet. */
    static Optional<DPUSetStatus> reportedBy(Unstructured composite) {
        return readFrom(composite.object("status"));
    }

    /** The counts in a status object (a DPUSet's status, a DPUDeployment's status.dpus), if it has any. */
    public static Optional<DPUSetStatus> readFrom(Unstructured status) {
        if (status.number("desired").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DPUSetStatus(count(status, "desired"), count(status, "ready"),
                count(status, "provisioning"), count(status, "failed"), count(status, "updated")));
    }

    public int outdated() {
        return desired - updated;
    }

    public boolean allReady() {
        return desired > 0 && ready == desired;
    }

    public Struct toStruct() {
        return Struct.newBuilder()
                .putFields("desired", Structs.number(desired))
                .putFields("ready", Structs.number(ready))
                .putFields("provisioning", Structs.number(provisioning))
                .putFields("failed", Structs.number(failed))
                .putFields("updated", Structs.number(updated))
                .build();
    }

    private static int count(Unstructured status, String field) {
        return status.number(field).orElse(0L).intValue();
    }
}
