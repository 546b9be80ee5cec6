package io.dpuplane.provider.chain;

import io.dpuplane.provider.cluster.DpuClusterTargets;
import io.dpuplane.apis.crossplane.Reference;
import io.dpuplane.apis.sfc.v1alpha1.ResolvedPort;
import io.dpuplane.apis.sfc.v1alpha1.ResolvedSwitch;
import io.dpuplane.apis.sfc.v1alpha1.ServiceChain;
import io.dpuplane.apis.sfc.v1alpha1.ServiceChainSpec;
import io.dpuplane.apis.sfc.v1alpha1.ServiceChainStatus;
import io.dpuplane.apis.svc.v1alpha1.ChainPort;
import io.dpuplane.apis.svc.v1alpha1.ChainSwitch;
import io.dpuplane.apis.svc.v1alpha1.ClusterTargets;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceChain;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceIPAM;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceInterface;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A DPUServiceChain is one ServiceChain per selected DPU node, its ports resolved to that node's objects:
 * a DPUServiceInterface named or selected becomes the node's ServiceInterface {@code <name>-<node>}, a
 * DPUServiceIPAM the node's IPPool {@code <name>-<node>}; a network function hop stays as it is (the agent
 * finds the pod). Naming what does not exist, or a switch left with fewer than two ports, is bad input.
 */
final class ChainMirror extends NodeMirror<DPUServiceChain, ServiceChainStatus, ServiceChain> {

    private static final int MAX_PORTS = 50;

    ChainMirror(KubernetesClient host, DpuClusterTargets clusters) {
        super(host, clusters, ServiceChain.class, "DPUServiceChain");
    }

    /** A resolved port before it is made a node's: the interface and pool by their host-cluster names. */
    private record PortTemplate(String interfaceName, io.dpuplane.apis.sfc.v1alpha1.ServicePort service, String ipam) {

        ResolvedPort forNode(String node) {
            return new ResolvedPort(interfaceName == null ? null : PerNode.name(interfaceName, node), service,
                    ipam == null ? null : PerNode.name(ipam, node));
        }
    }

    @Override
    protected NodeObjects<ServiceChain> prepare(DPUServiceChain resource) {
        String ns = resource.getMetadata().getNamespace();
        List<ChainSwitch> switches = resource.getSpec().getForProvider().switches();
        List<List<PortTemplate>> resolved = new ArrayList<>();
        Map<String, String> usedAt = new HashMap<>();
        for (int s = 0; s < switches.size(); s++) {
            List<PortTemplate> ports = new ArrayList<>();
            List<ChainPort> declared = switches.get(s).ports() == null ? List.of() : switches.get(s).ports();
            for (int p = 0; p < declared.size(); p++) {
                String at = "switch " + (s + 1) + " port " + (p + 1);
                ChainPort port = declared.get(p);
                String ipam = ipam(ns, port.ipamRef(), at);
                if (port.service() != null) {
                    ports.add(new PortTemplate(null, port.service(), ipam));
                    continue;
                }
                for (String name : interfaces(ns, port, at)) {
                    String earlier = usedAt.putIfAbsent(name, at);
                    if (earlier != null) {
                        throw new BadInput(at + ": DPUServiceInterface " + name + " is already " + earlier
                                + "; an interface can be a port of one switch only");
                    }
                    ports.add(new PortTemplate(name, null, ipam));
                }
            }
            if (ports.size() < 2 || ports.size() > MAX_PORTS) {
                throw new BadInput("switch " + (s + 1) + " has " + ports.size() + " port" + (ports.size() == 1 ? "" : "s")
                        + " once its selectors are resolved; a switch joins 2 to " + MAX_PORTS);
            }
            resolved.add(ports);
        }
        return node -> {
            List<ResolvedSwitch> perNode = resolved.stream()
                    .map(ports -> new ResolvedSwitch(ports.stream().map(p -> p.forNode(node)).toList())).toList();
            ServiceChain chain = new ServiceChain();
            chain.setSpec(new ServiceChainSpec(node, perNode));
            return chain;
        };
    }

    private List<String> interfaces(String ns, ChainPort port, String at) {
        if (port.interfaceRef() != null) {
            String name = port.interfaceRef().name();
            if (host.resources(DPUServiceInterface.class).inNamespace(ns).withName(name).get() == null) {
                throw new BadInput(at + ": DPUServiceInterface " + name + " does not exist in namespace " + ns);
            }
            return List.of(name);
        }
        if (port.interfaceSelector() != null) {
            List<String> names = host.resources(DPUServiceInterface.class).inNamespace(ns)
                    .withLabelSelector(port.interfaceSelector()).list().getItems().stream()
                    .map(i -> i.getMetadata().getName()).sorted(Comparator.naturalOrder()).toList();
            if (names.isEmpty()) {
                throw new BadInput(at + ": no DPUServiceInterface in namespace " + ns + " matches the selector "
                        + Serialization.asJson(port.interfaceSelector()));
            }
            return names;
        }
        throw new BadInput(at + ": sets none of interfaceRef, interfaceSelector or service");
    }

    private String ipam(String ns, Reference ref, String at) {
        if (ref == null) {
            return null;
        }
        if (host.resources(DPUServiceIPAM.class).inNamespace(ns).withName(ref.name()).get() == null) {
            throw new BadInput(at + ": DPUServiceIPAM " + ref.name() + " does not exist in namespace " + ns);
        }
        return ref.name();
    }

    @Override
    protected ClusterTargets targets(DPUServiceChain resource) {
        return resource.getSpec().getForProvider().clusters();
    }

    @Override
    protected Map<String, String> nodeSelector(DPUServiceChain resource) {
        return resource.getSpec().getForProvider().nodeSelector();
    }

    @Override
    protected String report(DPUServiceChain resource, Rollup<ServiceChain> rollup) {
        resource.requireStatus().setAtProvider(rollup.toObservation());
        return rollup.notReady("chain");
    }
}
