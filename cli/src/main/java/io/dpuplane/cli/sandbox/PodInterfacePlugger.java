package io.dpuplane.cli.sandbox;

import io.dpuplane.apis.sfc.v1alpha1.InterfaceType;
import io.dpuplane.apis.sfc.v1alpha1.ResolvedPort;
import io.dpuplane.apis.sfc.v1alpha1.ResolvedSwitch;
import io.dpuplane.apis.sfc.v1alpha1.ServiceChain;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterface;
import io.dpuplane.apis.sfc.v1alpha1.Sfc;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CNI's part on an emulated DPU (there is no kubelet, so no CNI runs): every network function pod bound to
 * the node gets the interfaces the node's ServiceInterfaces and ServiceChains name for its service plugged
 * into br-sfc, marked {@code dpuplane-pod=<ns>/<pod>/<interface>} for the agent to find.
 */
final class PodInterfacePlugger {

    /** The label every network function pod carries: its service ID. */
    static final String SERVICE_LABEL = "svc.dpuplane.io/service";

    private final KubernetesClient dpuCluster;

    PodInterfacePlugger(KubernetesClient dpuCluster) {
        this.dpuCluster = dpuCluster;
    }

    /**
     * Plugs what is missing on the DPU and unplugs the interfaces of pods that are gone (a CNI ADD and DEL);
     * returns what it did, empty when nothing.
     */
    String plug(DpuSwitch dpu) {
        Set<String> wanted = wantedInterfaces(dpu.node());
        Set<String> present = new TreeSet<>();
        int plugged = 0;
        for (Pod pod : dpuCluster.pods().inAnyNamespace().withField("spec.nodeName", dpu.node())
                .withLabel(SERVICE_LABEL).list().getItems()) {
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            String service = pod.getMetadata().getLabels().get(SERVICE_LABEL);
            String prefix = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + "/";
            for (String serviceInterface : wanted) {
                String[] parts = serviceInterface.split("/", 2);
                if (!parts[0].equals(service)) {
                    continue;
                }
                present.add(prefix + parts[1]);
                if (dpu.podPort(prefix + parts[1]).isEmpty()) {
                    dpu.plugPodInterface(prefix + parts[1]);
                    plugged++;
                }
            }
        }
        int unplugged = 0;
        for (String owner : dpu.podInterfaces()) {
            if (!present.contains(owner)) {
                dpu.unplugPodInterface(owner);
                unplugged++;
            }
        }
        return plugged == 0 && unplugged == 0 ? ""
                : "plugged %d pod interface(s), unplugged %d".formatted(plugged, unplugged);
    }

    /** {@code <serviceID>/<interface>} of every pod interface the node's objects name. */
    private Set<String> wantedInterfaces(String node) {
        Set<String> wanted = new TreeSet<>();
        for (ServiceInterface si : onNode(ServiceInterface.class, node)) {
            if (si.getSpec() != null && si.getSpec().getInterfaceType() == InterfaceType.SERVICE
                    && si.getSpec().getService() != null) {
                wanted.add(si.getSpec().getService().serviceID() + "/" + si.getSpec().getService().interfaceName());
            }
        }
        for (ServiceChain chain : onNode(ServiceChain.class, node)) {
            for (ResolvedPort port : ports(chain)) {
                if (port.service() != null) {
                    wanted.add(port.service().serviceID() + "/" + port.service().interfaceName());
                }
            }
        }
        return wanted;
    }

    static List<ResolvedPort> ports(ServiceChain chain) {
        List<ResolvedPort> ports = new ArrayList<>();
        if (chain.getSpec() != null && chain.getSpec().switches() != null) {
            for (ResolvedSwitch sw : chain.getSpec().switches()) {
                if (sw.ports() != null) {
                    ports.addAll(sw.ports());
                }
            }
        }
        return ports;
    }

    private <T extends io.fabric8.kubernetes.api.model.HasMetadata> List<T> onNode(Class<T> type, String node) {
        return dpuCluster.resources(type).inAnyNamespace().withLabels(Map.of(Sfc.NODE_LABEL, node)).list().getItems();
    }
}
