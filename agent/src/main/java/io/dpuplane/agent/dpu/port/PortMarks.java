package io.dpuplane.agent.dpu.port;

import io.dpuplane.apis.sfc.v1alpha1.ServiceInterface;
import java.util.Map;
import java.util.Set;

/**
 * The external_ids the agent writes on a port to say it is a ServiceInterface's (and which), and the one
 * the CNI writes on a pod's interface. Only ports carrying the owner mark are ever changed or removed.
 */
public final class PortMarks {

    /** UID of the ServiceInterface the port is for. */
    public static final String OWNER = "dpuplane-owner";
    /** Kind of the owner, always ServiceInterface. */
    public static final String KIND = "dpuplane-kind";
    /** namespace/name of the owner, for people reading {@code ovs-vsctl list port}. */
    public static final String NAME = "dpuplane-name";
    /** Present when the port existed before the agent took it: it is then unmarked, not removed, when released. */
    public static final String ADOPTED = "dpuplane-adopted";
    /** On a pod's interface, set by the CNI that plugs it: {@code <pod namespace>/<pod name>/<interface name>}. */
    public static final String POD = "dpuplane-pod";

    static final Set<String> OWNERSHIP = Set.of(OWNER, KIND, NAME, ADOPTED);

    private PortMarks() {
    }

    static Map<String, String> of(ServiceInterface si) {
        return Map.of(OWNER, si.getMetadata().getUid(), KIND, "ServiceInterface", NAME, key(si));
    }

    static String key(ServiceInterface si) {
        return si.getMetadata().getNamespace() + "/" + si.getMetadata().getName();
    }
}
