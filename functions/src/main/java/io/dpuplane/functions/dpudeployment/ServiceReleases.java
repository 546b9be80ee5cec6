package io.dpuplane.functions.dpudeployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dpuplane.functions.dpuset.Revision;
import io.dpuplane.functions.sdk.CannotComposeException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DPUServices of a deployment, one per service and revision in use. The current revision of each
 * service is composed from the spec; an older one is kept as it exists for as long as any DPU still
 * carries its version label, and dropped (so Crossplane deletes it) once the last DPU has moved on.
 * Each release runs only on nodes labelled with its revision: that is what makes a service change roll
 * out DPU by DPU along with the DPUs' own rollout.
 */
final class ServiceReleases {

    static final String KIND = "DPUService";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A service at one revision, where it runs, and whether its DPUService is Ready. */
    record Release(String service, String revision, String version, boolean current, int dpus,
            Composer.Composed composed) {
    }

    private ServiceReleases() {
    }

    /** The node labels that pin each service to its current revision: what every DPU is rolled to. */
    static Map<String, String> targetLabels(String deployment, Map<String, String> revisions) {
        Map<String, String> labels = new TreeMap<>();
        revisions.forEach((service, revision) -> labels.put(DeploymentLabels.version(deployment, service), revision));
        return labels;
    }

    /** The current revision of every service, by service name. */
    static Map<String, String> revisions(DPUDeploymentSpec spec) {
        Map<String, String> revisions = new TreeMap<>();
        spec.services().forEach((name, service) -> revisions.put(name, ServiceRevision.of(service)));
        return revisions;
    }

    /**
     * Composes the releases of every service: the current revision, and the old ones DPUs still run
     * ({@code dpuRevisions}: the revision desired for each DPU this round).
     */
    static List<Release> compose(Composer composer, DPUDeploymentSpec spec, Map<String, String> current,
            Collection<Revision> dpuRevisions) {
        List<Release> releases = new ArrayList<>();
        for (Map.Entry<String, DPUDeploymentSpec.Service> entry : spec.services().entrySet()) {
            String service = entry.getKey();
            String label = DeploymentLabels.version(composer.owner(), service);
            Map<String, Integer> inUse = new TreeMap<>();
            for (Revision revision : dpuRevisions) {
                String on = revision.rolledLabels().get(label);
                if (on != null) {
                    inUse.merge(on, 1, Integer::sum);
                }
            }
            String revision = current.get(service);
            releases.add(new Release(service, revision, entry.getValue().version(), true,
                    inUse.getOrDefault(revision, 0), release(composer, service, revision, entry.getValue())));
            inUse.forEach((old, dpus) -> {
                if (!old.equals(revision)) {
                    composer.observed(key(service, old)).ifPresent(existing -> releases.add(new Release(service,
                            old, existing.string("spec", "forProvider", "version").orElse(""), false, dpus,
                            composer.keep(key(service, old), existing))));
                }
            });
        }
        return releases;
    }

    static String key(String service, String revision) {
        return "service-" + service + "-" + revision;
    }

    private static Composer.Composed release(Composer composer, String service, String revision,
            DPUDeploymentSpec.Service spec) {
        if (spec.source() == null || spec.chart() == null || spec.version() == null) {
            throw new CannotComposeException(composer.subject() + ": spec.services." + service
                    + " needs source, chart and version");
        }
        String serviceId = DeploymentLabels.serviceId(composer.owner(), service);
        ObjectNode forProvider = composer.forProvider(Map.of(DeploymentLabels.version(composer.owner(), service),
                revision));
        forProvider.set("source", JSON.valueToTree(spec.source()));
        forProvider.put("chart", spec.chart());
        forProvider.put("version", spec.version());
        forProvider.set("values", values(serviceId, spec));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(DeploymentLabels.DEPLOYMENT, composer.owner());
        labels.put(DeploymentLabels.SERVICE, service);
        labels.put(DeploymentLabels.REVISION, revision);
        return composer.compose(key(service, revision), KIND, composer.nameOf(service + "-" + revision), labels,
                forProvider);
    }

    /**
     * The chart's values: the contract every dpuplane network function chart follows (as DPF's
     * {@code serviceDaemonSet}: label pods with their service ID, attach their interfaces through Multus),
     * with the user's values merged over it, the user's winning.
     */
    static ObjectNode values(String serviceId, DPUDeploymentSpec.Service spec) {
        ObjectNode contract = JSON.createObjectNode();
        contract.put("serviceID", serviceId);
        ObjectNode daemonSet = contract.putObject("serviceDaemonSet");
        daemonSet.putObject("labels").put(DeploymentLabels.POD_SERVICE, serviceId);
        if (!spec.podInterfaces().isEmpty()) {
            ArrayNode networks = JSON.createArrayNode();
            spec.podInterfaces().forEach(i -> networks.addObject().put("name", i.networkOrDefault())
                    .put("interface", i.interfaceName()));
            daemonSet.putObject("annotations").put("k8s.v1.cni.cncf.io/networks", networks.toString());
        }
        if (spec.values() != null) {
            merge(contract, JSON.valueToTree(spec.values()));
        }
        return contract;
    }

    private static void merge(ObjectNode base, ObjectNode over) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = over.fields();
                fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isObject() && base.path(field.getKey()).isObject()) {
                merge((ObjectNode) base.get(field.getKey()), (ObjectNode) field.getValue());
            } else {
                base.set(field.getKey(), field.getValue());
            }
        }
    }

}
