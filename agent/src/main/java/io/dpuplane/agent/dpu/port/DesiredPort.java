package io.dpuplane.agent.dpu.port;

import java.util.Map;

/** A port a ServiceInterface needs on a bridge; {@code type} empty means the system device of that name. */
record DesiredPort(String bridge, String name, String type, Map<String, String> options) {

    DesiredPort {
        options = Map.copyOf(options);
    }

    boolean isPatch() {
        return "patch".equals(type);
    }
}
