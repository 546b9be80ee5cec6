package io.dpuplane.agent.dpu.port;

import io.dpuplane.agent.dpu.ovs.OvsSnapshot;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the br-sfc port of a network function's pod interface: the pods of the service on this node (label
 * {@value #SERVICE_LABEL}), newest first, and the interface the CNI marked with {@code dpuplane-pod=<ns>/<pod>/<if>}.
 */
public final class PodPorts {

    /** Label every pod of a network function carries: its service ID. */
    public static final String SERVICE_LABEL = "svc.dpuplane.io/service";

    private final List<Pod> pods;
    private final Map<String, OvsSnapshot.Interface> byPod = new HashMap<>();
    private final String bridge;

    public PodPorts(List<Pod> pods, OvsSnapshot ovs, String bridge) {
        this.bridge = bridge;
        this.pods = pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .sorted(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp(),
                        Comparator.nullsFirst(Comparator.naturalOrder())).reversed())
                .toList();
        for (OvsSnapshot.Port port : ovs.portsOf(bridge)) {
            for (String name : port.interfaces()) {
                ovs.iface(name).ifPresent(i -> {
                    String owner = i.externalIds().get(PortMarks.POD);
                    if (owner != null) {
                        byPod.put(owner, i);
                    }
                });
            }
        }
    }

    /** The port of a service's pod interface on this node, or why there is none. */
    public PortOutcome resolve(String serviceId, String interfaceName) {
        List<Pod> candidates = pods.stream()
                .filter(p -> serviceId.equals(p.getMetadata().getLabels() == null ? null
                        : p.getMetadata().getLabels().get(SERVICE_LABEL)))
                .toList();
        if (candidates.isEmpty()) {
            return PortOutcome.failed("no pod of service " + serviceId + " on this node");
        }
        for (Pod pod : candidates) {
            String owner = owner(pod, interfaceName);
            OvsSnapshot.Interface iface = byPod.get(owner);
            if (iface != null) {
                return PortOutcome.of(iface, owner);
            }
        }
        Pod newest = candidates.get(0);
        return PortOutcome.failed("pod " + newest.getMetadata().getNamespace() + "/" + newest.getMetadata().getName()
                + " of service " + serviceId + " has no interface " + interfaceName + " on " + bridge
                + " yet (its CNI plugs it)");
    }

    static String owner(Pod pod, String interfaceName) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + "/" + interfaceName;
    }
}
