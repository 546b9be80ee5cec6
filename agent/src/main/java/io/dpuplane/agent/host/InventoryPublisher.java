package io.dpuplane.agent.host;

import io.dpuplane.apis.provisioning.v1alpha1.DPUDevice;
import io.dpuplane.apis.provisioning.v1alpha1.DPUDeviceSpec;
import io.dpuplane.apis.provisioning.v1alpha1.DPUDeviceStatus;
import io.dpuplane.apis.provisioning.v1alpha1.DPUNode;
import io.dpuplane.apis.provisioning.v1alpha1.DPUNodeSpec;
import io.dpuplane.apis.provisioning.v1alpha1.DPUNodeStatus;
import io.dpuplane.apis.provisioning.v1alpha1.DeviceHealth;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Publishes this host as a DPUNode and each card as a DPUDevice (owned by the DPUNode), refreshing a card only
 * when what the agent knows of it changed, removing cards that are gone, and beating the DPUNode's heartbeat.
 */
public final class InventoryPublisher {

    public static final String NODE_LABEL = "dpuplane.io/node";
    private static final String MANAGER = "dpuplane-agent";

    private final KubernetesClient client;
    private final String namespace;
    private final String nodeName;
    private final String agentEndpoint;
    private final String agentVersion;
    private final Map<String, DPUDeviceStatus> published = new HashMap<>();

    public InventoryPublisher(KubernetesClient client, String namespace, String nodeName, String agentEndpoint,
            String agentVersion) {
        this.client = client;
        this.namespace = namespace;
        this.nodeName = nodeName;
        this.agentEndpoint = agentEndpoint;
        this.agentVersion = agentVersion;
    }

    /** Writes the node and its cards; {@code bfbVersions} are the DOCA versions this agent installed, by PCI address. */
    public synchronized void publish(List<HostDevice> devices, Map<String, String> bfbVersions) {
        DPUNode node = new DPUNode();
        node.setMetadata(new ObjectMetaBuilder().withName(nodeName).withNamespace(namespace).build());
        node.setSpec(new DPUNodeSpec(nodeName, agentEndpoint, agentVersion));
        DPUNode applied = client.resource(node).fieldManager(MANAGER).forceConflicts().serverSideApply();
        heartbeat(devices.size());
        Map<String, HostDevice> byName = devices.stream()
                .collect(Collectors.toMap(d -> d.objectName(nodeName), Function.identity()));
        byName.forEach((name, device) -> publishDevice(applied, name, device, bfbVersions.get(device.pciAddress())));
        removeGone(byName.keySet());
    }

    /** Tells the world this agent is alive. */
    public void heartbeat(int deviceCount) {
        client.resources(DPUNode.class).inNamespace(namespace).withName(nodeName).editStatus(n -> {
            n.setStatus(new DPUNodeStatus(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), deviceCount));
            return n;
        });
    }

    private void publishDevice(DPUNode owner, String name, HostDevice device, String bfbVersion) {
        DeviceHealth health = device.rshim().isPresent() ? DeviceHealth.HEALTHY : DeviceHealth.UNRESPONSIVE;
        String message = device.rshim().isPresent() ? null
                : "no rshim device names this card's PCI address; is the rshim driver running?";
        DPUDeviceStatus status = new DPUDeviceStatus(null, bfbVersion, device.rshim().map(RshimDevice::name).orElse(null),
                health, message, null);
        if (status.equals(published.get(name))) {
            return;
        }
        DPUDevice card = new DPUDevice();
        card.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                .withLabels(Map.of(NODE_LABEL, nodeName, "dpuplane.io/model", device.model().displayName()))
                .withOwnerReferences(Owners.of(owner)).build());
        card.setSpec(new DPUDeviceSpec(nodeName, device.pciAddress(), device.serialNumber(), null,
                device.partNumber(), device.model().api(), device.pciDeviceId()));
        client.resource(card).fieldManager(MANAGER).forceConflicts().serverSideApply();
        DPUDeviceStatus stamped = new DPUDeviceStatus(null, bfbVersion, status.rshimDevice(), health, message,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        client.resources(DPUDevice.class).inNamespace(namespace).withName(name).editStatus(d -> {
            d.setStatus(stamped);
            return d;
        });
        published.put(name, status);
    }

    private void removeGone(Set<String> present) {
        client.resources(DPUDevice.class).inNamespace(namespace).withLabel(NODE_LABEL, nodeName).list().getItems()
                .stream().filter(d -> !present.contains(d.getMetadata().getName()))
                .forEach(d -> {
                    client.resource(d).delete();
                    published.remove(d.getMetadata().getName());
                });
    }
}
