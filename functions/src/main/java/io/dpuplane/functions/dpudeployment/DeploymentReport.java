package io.dpuplane.functions.dpudeployment;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.dpuplane.functions.sdk.FunctionResponse;
import io.dpuplane.functions.sdk.Structs;
import io.dpuplane.functions.sdk.Unstructured;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a DPUDeployment tells its owner about its services and network: {@code status.services} (each
 * service's current revision and, per revision, on how many DPUs it runs), the conditions
 * {@code ServicesReady} and {@code NetworkReady}, and events only when a service starts or finishes
 * rolling to a new revision.
 */
final class DeploymentReport {

    static final String SERVICES_READY = "ServicesReady";
    static final String NETWORK_READY = "NetworkReady";

    private DeploymentReport() {
    }

    /** Whether every service runs its current revision on every DPU, Ready. */
    static boolean servicesSettled(List<ServiceReleases.Release> releases, int dpus) {
        return releases.stream().allMatch(r -> r.current() && r.dpus() == dpus && r.composed().ready());
    }

    static boolean networkReady(List<Composer.Composed> parts) {
        return parts.stream().allMatch(Composer.Composed::ready);
    }

    /** {@code status.services}: per service its current revision, and where each revision runs. */
    static Value servicesStatus(List<ServiceReleases.Release> releases) {
        Map<String, Struct.Builder> services = new LinkedHashMap<>();
        Map<String, ListValue.Builder> revisions = new HashMap<>();
        for (ServiceReleases.Release release : releases) {
            Struct.Builder service = services.computeIfAbsent(release.service(), name -> Struct.newBuilder()
                    .putFields("name", Structs.text(name)));
            if (release.current()) {
                service.putFields("revision", Structs.text(release.revision()));
                service.putFields("version", Structs.text(release.version() == null ? "" : release.version()));
                service.putFields("ready", Value.newBuilder().setBoolValue(release.composed().ready()).build());
            }
            revisions.computeIfAbsent(release.service(), name -> ListValue.newBuilder()).addValues(Structs.struct(
                    Struct.newBuilder().putFields("revision", Structs.text(release.revision()))
                            .putFields("version", Structs.text(release.version() == null ? "" : release.version()))
                            .putFields("dpuService", Structs.text(release.composed().name()))
                            .putFields("dpus", Structs.number(release.dpus())).build()));
        }
        ListValue.Builder list = ListValue.newBuilder();
        services.forEach((name, service) -> list.addValues(Structs.struct(service
                .putFields("revisions", Value.newBuilder().setListValue(revisions.get(name)).build()).build())));
        return Value.newBuilder().setListValue(list).build();
    }

    static void conditions(FunctionResponse response, List<ServiceReleases.Release> releases, int dpus,
            List<Composer.Composed> network) {
        if (releases.isEmpty()) {
            response.condition(SERVICES_READY, true, "NoServices", "the deployment has no services");
        } else if (servicesSettled(releases, dpus)) {
            response.condition(SERVICES_READY, true, "AllReady", "every service runs its current revision on "
                    + dpus(dpus) + " and is Ready");
        } else {
            List<String> notes = new ArrayList<>();
            for (ServiceReleases.Release release : releases) {
                if (!release.current()) {
                    notes.add(release.service() + " " + release.revision() + " (" + release.version() + ") still on "
                            + dpus(release.dpus()));
                } else if (release.dpus() < dpus) {
                    notes.add(release.service() + " " + release.revision() + " (" + release.version() + ") on "
                            + release.dpus() + " of " + dpus(dpus));
                } else if (!release.composed().ready()) {
                    notes.add("DPUService " + release.composed().name() + " not Ready: " + release.composed().problem());
                }
            }
            boolean rolling = releases.stream().anyMatch(r -> r.current() && r.dpus() < dpus);
            response.condition(SERVICES_READY, false, rolling ? "RollingOut" : "NotReady", String.join("; ", notes));
        }
        List<String> unready = network.stream().filter(p -> !p.ready())
                .map(p -> p.kind() + " " + p.name() + ": " + p.problem()).toList();
        if (unready.isEmpty()) {
            response.condition(NETWORK_READY, true, "AllReady", network.isEmpty() ? "no interfaces, pools or chain"
                    : "interfaces, IP pools and chain are programmed on every member DPU");
        } else {
            response.condition(NETWORK_READY, false, "NotReady", String.join("; ", unready));
        }
    }

    /** Events when a service's current revision changed since the last status, and when its rollout ended. */
    static void events(FunctionResponse response, Unstructured previousStatus, List<ServiceReleases.Release> releases,
            int dpus) {
        Map<String, String> before = new HashMap<>();
        Map<String, Integer> revisionsBefore = new HashMap<>();
        for (Value entry : previousStatus.list("services")) {
            Unstructured service = new Unstructured(entry.getStructValue());
            before.put(service.string("name").orElse(""), service.string("revision").orElse(""));
            revisionsBefore.put(service.string("name").orElse(""), service.list("revisions").size());
        }
        for (ServiceReleases.Release release : releases) {
            if (!release.current()) {
                continue;
            }
            String was = before.get(release.service());
            if (was != null && !was.isEmpty() && !was.equals(release.revision())) {
                response.normal("ServiceRollout", "rolling " + release.service() + " from revision " + was
                        + " to " + release.revision() + " (" + release.version() + "), DPU by DPU");
            }
            long inUse = releases.stream().filter(r -> r.service().equals(release.service())).count();
            if (revisionsBefore.getOrDefault(release.service(), 1) > 1 && inUse == 1 && release.dpus() == dpus) {
                response.normal("ServiceRolloutComplete", release.service() + " runs revision "
                        + release.revision() + " (" + release.version() + ") on " + dpus(dpus));
            }
        }
    }

    private static String dpus(int count) {
        return count == 1 ? "1 DPU" : count + " DPUs";
    }
}
