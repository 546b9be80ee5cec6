package io.dpuplane.agent.dpu.ovs;

import java.util.Map;
import java.util.Set;

/** One change to the Open vSwitch database. */
public sealed interface OvsChange {

    /** A change to a record's external_ids only: nothing for ovs-vswitchd to act on. */
    sealed interface ExternalIds extends OvsChange {

        String table();

        String record();

        Map<String, String> set();

        Set<String> remove();
    }

    /** Creates a bridge, or leaves an existing one as it is apart from the given settings. */
    record EnsureBridge(String bridge, String datapathType, String failMode) implements OvsChange {
    }

    /** Adds a port with its single interface; {@code type} empty means a system device. */
    record AddPort(String bridge, String port, String type, Map<String, String> options,
            Map<String, String> externalIds) implements OvsChange {

        public AddPort {
            options = Map.copyOf(options);
            externalIds = Map.copyOf(externalIds);
        }
    }

    /** Sets an interface's type and options, e.g. to repair a patch port's peer. */
    record SetInterface(String iface, String type, Map<String, String> options) implements OvsChange {

        public SetInterface {
            options = Map.copyOf(options);
        }
    }

    /** Sets and removes keys of a port's external_ids. */
    record MarkPort(String port, Map<String, String> set, Set<String> remove) implements ExternalIds {

        public MarkPort {
            set = Map.copyOf(set);
            remove = Set.copyOf(remove);
        }

        @Override
        public String table() {
            return "Port";
        }

        @Override
        public String record() {
            return port;
        }
    }

    /** Removes a port from its bridge. */
    record DeletePort(String bridge, String port) implements OvsChange {
    }

    /** Sets and removes keys of a bridge's external_ids. */
    record MarkBridge(String bridge, Map<String, String> set, Set<String> remove) implements ExternalIds {

        public MarkBridge {
            set = Map.copyOf(set);
            remove = Set.copyOf(remove);
        }

        @Override
        public String table() {
            return "Bridge";
        }

        @Override
        public String record() {
            return bridge;
        }
    }
}
