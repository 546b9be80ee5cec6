package io.dpuplane.functions.dpunetwork;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Struct;
import io.dpuplane.functions.sdk.Structs;

/**
 * The Multus NetworkAttachmentDefinition ({@code k8s.cni.cncf.io/v1}) a developer's pods name in their
 * {@code k8s.v1.cni.cncf.io/networks} annotation: an SR-IOV VF from the network's device-plugin resource
 * (the annotation makes Multus request one), addressed by nv-ipam from the network's pool.
 */
final class NetworkAttachment {

    static final String KEY = "network-attachment";
    static final String RESOURCE_ANNOTATION = "k8s.v1.cni.cncf.io/resourceName";
    private static final ObjectMapper JSON = new ObjectMapper();

    private NetworkAttachment() {
    }

    static Struct of(String name, String namespace, DPUNetworkSpec spec) {
        ObjectNode config = JSON.createObjectNode();
        config.put("cniVersion", "0.4.0");
        config.put("name", name);
        config.put("type", "sriov");
        config.putObject("ipam").put("type", "nv-ipam").put("poolName", name);
        ObjectNode nad = JSON.createObjectNode();
        nad.put("apiVersion", "k8s.cni.cncf.io/v1");
        nad.put("kind", "NetworkAttachmentDefinition");
        ObjectNode metadata = nad.putObject("metadata");
        metadata.put("name", name);
        if (!namespace.isEmpty()) {
            metadata.put("namespace", namespace);
        }
        metadata.putObject("labels").put(DPUNetworkFunction.NETWORK_LABEL, name);
        metadata.putObject("annotations").put(RESOURCE_ANNOTATION, spec.host().resourceName());
        nad.putObject("spec").put("config", config.toString());
        return Structs.toStruct(nad);
    }
}
