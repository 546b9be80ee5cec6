package io.dpuplane.agent.dpu.port;

import io.dpuplane.agent.dpu.ovs.OvsChange;
import io.dpuplane.agent.dpu.ovs.OvsSnapshot;
import io.dpuplane.apis.sfc.v1alpha1.InterfaceType;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterface;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the port planner decided: the OVSDB changes to make (one transaction), and for each ServiceInterface
 * (by namespace/name) either the port chains reach it by, or why it has none.
 *
 * @param claims the port on br-sfc of every interface the agent manages the port of
 * @param problems why an interface has no port (a conflict, a missing bridge, a bad spec)
 */
public record PortPlan(List<OvsChange> changes, Map<String, String> claims, Map<String, String> problems) {

    public PortPlan {
        changes = List.copyOf(changes);
        claims = Map.copyOf(claims);
        problems = Map.copyOf(problems);
    }

    /** Each interface's outcome once the changes are applied and OVS read again. */
    public Map<String, PortOutcome> outcomes(List<ServiceInterface> interfaces, OvsSnapshot ovs, PodPorts pods) {
        Map<String, PortOutcome> outcomes = new LinkedHashMap<>();
        for (ServiceInterface si : interfaces) {
            String key = PortMarks.key(si);
            outcomes.put(key, outcome(si, key, ovs, pods));
        }
        return outcomes;
    }

    private PortOutcome outcome(ServiceInterface si, String key, OvsSnapshot ovs, PodPorts pods) {
        if (problems.containsKey(key)) {
            return PortOutcome.failed(problems.get(key));
        }
        if (si.getSpec().getInterfaceType() == InterfaceType.SERVICE) {
            var pod = si.getSpec().getService();
            return pods.resolve(pod.serviceID(), pod.interfaceName()).ownedBy(key);
        }
        String port = claims.get(key);
        return ovs.iface(port).map(i -> PortOutcome.of(i, key))
                .orElseGet(() -> PortOutcome.failed("port " + port + " is not in OVS after it was added"));
    }
}
