package io.dpuplane.agent.dpu.ovs;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Bridges, ports and interfaces of Open vSwitch at one moment, keyed by name. */
public record OvsSnapshot(Map<String, Bridge> bridges, Map<String, Port> ports, Map<String, Interface> interfaces) {

    public OvsSnapshot {
        bridges = Map.copyOf(bridges);
        ports = Map.copyOf(ports);
        interfaces = Map.copyOf(interfaces);
    }

    /** A bridge, with the names of its ports. */
    public record Bridge(String name, String datapathType, String failMode, Map<String, String> externalIds,
            List<String> ports) {
    }

    /** A port: the bridge it is on, its external_ids and the names of its interfaces. */
    public record Port(String name, String bridge, Map<String, String> externalIds, List<String> interfaces) {
    }

    /**
     * An interface: OVS's OpenFlow port number for it ({@code -1} when it failed, {@code 0} while unknown) and
     * the error OVS reports for it, if any.
     */
    public record Interface(String name, String type, int ofport, String mac, String error,
            Map<String, String> externalIds, Map<String, String> options) {

        public boolean working() {
            return ofport > 0 && (error == null || error.isEmpty());
        }
    }

    public Optional<Bridge> bridge(String name) {
        return Optional.ofNullable(bridges.get(name));
    }

    public Optional<Port> port(String name) {
        return Optional.ofNullable(ports.get(name));
    }

    public Optional<Interface> iface(String name) {
        return Optional.ofNullable(interfaces.get(name));
    }

    /** The ports of a bridge (none when the bridge does not exist). */
    public List<Port> portsOf(String bridge) {
        return bridge(bridge).map(b -> b.ports().stream().map(ports::get).filter(p -> p != null).toList())
                .orElse(List.of());
    }
}
