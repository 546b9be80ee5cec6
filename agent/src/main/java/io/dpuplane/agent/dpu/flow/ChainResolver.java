package io.dpuplane.agent.dpu.flow;

import io.dpuplane.agent.dpu.port.PodPorts;
import io.dpuplane.agent.dpu.port.PortOutcome;
import io.dpuplane.apis.sfc.v1alpha1.ResolvedPort;
import io.dpuplane.apis.sfc.v1alpha1.ResolvedSwitch;
import io.dpuplane.apis.sfc.v1alpha1.ServiceChain;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves every chain's ports to OpenFlow port numbers: a ServiceInterface by its port, a network function
 * by its pod's interface. A switch gets flows among the ports that resolved (never joining ports the chain
 * does not join); a port can be in one switch of one chain only, the older chain keeping it, because two
 * switches flooding from the same port would overwrite each other's flows.
 */
public final class ChainResolver {

    private final Map<String, PortOutcome> interfaces;
    private final PodPorts pods;

    /**
     * @param interfaces every ServiceInterface's outcome on this node, by namespace/name
     * @param pods the pod interfaces on br-sfc
     */
    public ChainResolver(Map<String, PortOutcome> interfaces, PodPorts pods) {
        this.interfaces = interfaces;
        this.pods = pods;
    }

    /** Every chain's plan, by namespace/name, oldest chain first. */
    public Map<String, ChainPlan> resolve(List<ServiceChain> chains) {
        Map<Integer, String> usedBy = new HashMap<>();
        Map<String, ChainPlan> plans = new LinkedHashMap<>();
        for (ServiceChain chain : oldestFirst(chains)) {
            plans.put(key(chain), resolve(chain, usedBy));
        }
        return plans;
    }

    private ChainPlan resolve(ServiceChain chain, Map<Integer, String> usedBy) {
        String ns = chain.getMetadata().getNamespace();
        long cookie = ChainCookie.of(ns, chain.getMetadata().getName());
        List<String> flows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<ChainPlan.AddressRequest> addresses = new ArrayList<>();
        List<ResolvedSwitch> switches = chain.getSpec().switches() == null ? List.of() : chain.getSpec().switches();
        for (int s = 0; s < switches.size(); s++) {
            String where = "switch " + (s + 1);
            List<Integer> ofports = new ArrayList<>();
            List<ResolvedPort> ports = switches.get(s).ports() == null ? List.of() : switches.get(s).ports();
            for (int p = 0; p < ports.size(); p++) {
                String at = where + " port " + (p + 1);
                ResolvedPort port = ports.get(p);
                PortOutcome outcome = outcome(ns, port);
                if (outcome.addressOwner() != null && port.ipPool() != null) {
                    addresses.add(new ChainPlan.AddressRequest(ns + "/" + port.ipPool(), outcome.addressOwner(), at));
                }
                if (!outcome.usable()) {
                    problems.add(at + ": " + outcome.problem());
                    continue;
                }
                String holder = usedBy.get(outcome.ofport());
                if (holder != null) {
                    problems.add(at + ": port " + outcome.port() + " is already in " + holder);
                    continue;
                }
                usedBy.put(outcome.ofport(), "chain " + key(chain) + " " + where);
                ofports.add(outcome.ofport());
            }
            if (ofports.size() >= 2) {
                flows.addAll(SwitchFlows.render(cookie, ofports));
            }
        }
        return new ChainPlan(new ChainFlows(key(chain), cookie, flows), problems, addresses);
    }

    private PortOutcome outcome(String ns, ResolvedPort port) {
        if (port.serviceInterface() != null) {
            PortOutcome outcome = interfaces.get(ns + "/" + port.serviceInterface());
            if (outcome == null) {
                return new PortOutcome(null, 0, null, null,
                        "ServiceInterface " + port.serviceInterface() + " does not exist on this node");
            }
            return outcome.usable() ? outcome : new PortOutcome(outcome.port(), outcome.ofport(), outcome.mac(),
                    outcome.addressOwner(), "ServiceInterface " + port.serviceInterface() + ": " + outcome.problem());
        }
        if (port.service() != null) {
            return pods.resolve(port.service().serviceID(), port.service().interfaceName());
        }
        return new PortOutcome(null, 0, null, null, "sets neither serviceInterface nor service");
    }

    private static List<ServiceChain> oldestFirst(List<ServiceChain> chains) {
        return chains.stream().sorted(Comparator
                .comparing((ServiceChain c) -> c.getMetadata().getCreationTimestamp(),
                        Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(ChainResolver::key)).toList();
    }

    public static String key(ServiceChain chain) {
        return chain.getMetadata().getNamespace() + "/" + chain.getMetadata().getName();
    }
}
