package io.dpuplane.agent.dpu.port;

import io.dpuplane.agent.dpu.ovs.OvsChange;
import io.dpuplane.agent.dpu.ovs.OvsSnapshot;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterface;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns the node's ServiceInterfaces into OVSDB changes: add the ports that are missing (marked as the
 * interface's), take over ports that exist unmarked (marked as adopted), repair patch peers, and remove
 * marked ports no interface wants any more (unmarking adopted ones instead). Ports without the agent's
 * mark are never touched. When two interfaces want the same port, the older one gets it.
 */
public final class PortPlanner {

    private final PortLayout layout;

    public PortPlanner(PortLayout layout) {
        this.layout = layout;
    }

    public PortPlan plan(List<ServiceInterface> interfaces, OvsSnapshot ovs) {
        List<OvsChange> changes = new ArrayList<>();
        Map<String, String> claims = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        Map<String, String> claimedBy = new HashMap<>();
        for (ServiceInterface si : oldestFirst(interfaces)) {
            String key = PortMarks.key(si);
            List<DesiredPort> ports;
            try {
                ports = layout.portsOf(si.getSpec());
            } catch (IllegalArgumentException e) {
                problems.put(key, e.getMessage());
                continue;
            }
            String problem = problem(ports, claimedBy, ovs);
            if (problem != null) {
                problems.put(key, problem);
                continue;
            }
            for (DesiredPort port : ports) {
                claimedBy.put(port.name(), key);
                changes.addAll(converge(port, si, ovs));
            }
            if (!ports.isEmpty()) {
                claims.put(key, ports.get(0).name());
            }
        }
        changes.addAll(releases(ovs, claimedBy.keySet()));
        return new PortPlan(changes, claims, problems);
    }

    private String problem(List<DesiredPort> ports, Map<String, String> claimedBy, OvsSnapshot ovs) {
        for (DesiredPort port : ports) {
            if (claimedBy.containsKey(port.name())) {
                return "port " + port.name() + " is already ServiceInterface " + claimedBy.get(port.name()) + "'s";
            }
            if (ovs.bridge(port.bridge()).isEmpty()) {
                return "bridge " + port.bridge() + " does not exist on this DPU";
            }
            String on = ovs.port(port.name()).map(OvsSnapshot.Port::bridge).orElse(null);
            if (on != null && !on.equals(port.bridge())) {
                return "port " + port.name() + " exists on bridge " + on + ", not " + port.bridge();
            }
        }
        return null;
    }

    private static List<OvsChange> converge(DesiredPort port, ServiceInterface si, OvsSnapshot ovs) {
        Map<String, String> marks = PortMarks.of(si);
        OvsSnapshot.Port existing = ovs.port(port.name()).orElse(null);
        if (existing == null) {
            return List.of(new OvsChange.AddPort(port.bridge(), port.name(), port.type(), port.options(), marks));
        }
        List<OvsChange> changes = new ArrayList<>();
        Map<String, String> ids = existing.externalIds();
        if (!ids.containsKey(PortMarks.OWNER)) {
            Map<String, String> adopt = new HashMap<>(marks);
            adopt.put(PortMarks.ADOPTED, "true");
            changes.add(new OvsChange.MarkPort(port.name(), adopt, Set.of()));
        } else if (!marks.entrySet().stream().allMatch(e -> e.getValue().equals(ids.get(e.getKey())))) {
            changes.add(new OvsChange.MarkPort(port.name(), marks, Set.of()));
        }
        if (port.isPatch()) {
            OvsSnapshot.Interface iface = ovs.iface(port.name()).orElse(null);
            if (iface == null || !"patch".equals(iface.type()) || !Objects.equals(iface.options(), port.options())) {
                changes.add(new OvsChange.SetInterface(port.name(), port.type(), port.options()));
            }
        }
        return changes;
    }

    private List<OvsChange> releases(OvsSnapshot ovs, Set<String> wanted) {
        List<OvsChange> changes = new ArrayList<>();
        for (String bridge : List.of(layout.bridge(), layout.ovnBridge())) {
            for (OvsSnapshot.Port port : ovs.portsOf(bridge)) {
                String owner = port.externalIds().get(PortMarks.OWNER);
                if (owner == null || wanted.contains(port.name())) {
                    continue;
                }
                if ("true".equals(port.externalIds().get(PortMarks.ADOPTED))) {
                    changes.add(new OvsChange.MarkPort(port.name(), Map.of(), PortMarks.OWNERSHIP));
                } else {
                    changes.add(new OvsChange.DeletePort(bridge, port.name()));
                }
            }
        }
        return changes;
    }

    private static List<ServiceInterface> oldestFirst(List<ServiceInterface> interfaces) {
        return interfaces.stream().sorted(Comparator
                .comparing((ServiceInterface si) -> si.getMetadata().getCreationTimestamp(),
                        Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(PortMarks::key)).toList();
    }
}
