package io.dpuplane.functions.dpuset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.Struct;
import io.dpuplane.functions.proto.v1.Capability;
import io.dpuplane.functions.proto.v1.RequestMeta;
import io.dpuplane.functions.proto.v1.Resource;
import io.dpuplane.functions.proto.v1.Resources;
import io.dpuplane.functions.proto.v1.RunFunctionRequest;
import io.dpuplane.functions.proto.v1.State;
import io.dpuplane.functions.sdk.Structs;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fleet of hosts with BlueField cards as the host agents report it (DPUNodes, DPUDevices), the DPUs a
 * DPUSet composed for them as the provider reports them, and the RunFunction requests Crossplane sends
 * about it. Used by the DPUSet tests and the benchmark.
 */
public final class TestFleet {

    public static final String NAMESPACE = "dpu-fleet";
    public static final String XR_NAME = "edge";
    public static final String PCI = "0000:03:00.0";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<String> hosts = new ArrayList<>();
    private final Map<String, String> pools = new LinkedHashMap<>();
    private final Map<String, Struct> observed = new LinkedHashMap<>();
    private final List<Struct> extraDevices = new ArrayList<>();
    private Struct composite;
    private String kind = "DPUSet";

    /** {@code count} hosts {@code worker-1...}, labelled pool=edge, with one BlueField-3 at 0000:03:00.0 each. */
    public static TestFleet ofHosts(int count) {
        TestFleet fleet = new TestFleet();
        for (int i = 1; i <= count; i++) {
            fleet.hosts.add("worker-" + i);
        }
        return fleet;
    }

    public List<String> hosts() {
        return hosts;
    }

    /** A DPUSet over this fleet with the given spec (YAML), and no status yet. */
    public TestFleet dpuSet(String specYaml) {
        return composite("DPUSet", specYaml);
    }

    /** A DPUDeployment over this fleet with the given spec (YAML; its DPUs under dpus), and no status yet. */
    public TestFleet dpuDeployment(String specYaml) {
        return composite("DPUDeployment", specYaml);
    }

    private TestFleet composite(String kind, String specYaml) {
        this.kind = kind;
        ObjectNode xr = YAML.createObjectNode();
        xr.put("apiVersion", "platform.dpuplane.io/v1alpha1");
        xr.put("kind", kind);
        xr.putObject("metadata").put("name", XR_NAME).put("namespace", NAMESPACE).put("generation", 1);
        xr.set("spec", yaml(specYaml));
        composite = Structs.toStruct(xr);
        return this;
    }

    /** The DPUSet with a status, as Crossplane observed it after the last reconcile. */
    public TestFleet dpuSetStatus(Struct status) {
        composite = composite.toBuilder().putFields("status", Structs.struct(status)).build();
        return this;
    }

    /** Moves a host to another pool (DPUNode label {@code dpuplane.io/pool}); every host starts in edge. */
    public TestFleet inPool(String host, String pool) {
        pools.put(host, pool);
        return this;
    }

    /** A card the selectors should not pick: another model on worker-1. */
    public TestFleet withBlueField2OnFirstHost() {
        extraDevices.add(device(hosts.get(0), "0000:04:00.0", "BlueField-2"));
        return this;
    }

    /** The DPU of a host's card, as the provider reports it. */
    public TestFleet observedDpu(String host, Revision revision, boolean ready) {
        observed.put(DpuNames.key(host, PCI), dpu(host, revision, ready ? Readiness.READY : Readiness.PROVISIONING, 1));
        return this;
    }

    /** Every host's DPU, Ready, at a revision. */
    public TestFleet allDpusReadyAt(Revision revision) {
        hosts.forEach(host -> observedDpu(host, revision, true));
        return this;
    }

    public TestFleet observed(String key, Struct dpu) {
        observed.put(key, dpu);
        return this;
    }

    /** Replaces every observed DPU, e.g. with what a simulated provider reports after a round. */
    public TestFleet observedExactly(Map<String, Struct> dpus) {
        observed.clear();
        observed.putAll(dpus);
        return this;
    }

    public Map<String, Struct> observed() {
        return observed;
    }

    /** A request as Crossplane sends it once it has fetched the inventory the function asked for. */
    public RunFunctionRequest request() {
        return withoutInventory().toBuilder()
                .putRequiredResources(Inventory.DEVICES, resources(devices()))
                .putRequiredResources(Inventory.NODES, resources(nodes()))
                .build();
    }

    /** A request as Crossplane sends it first: before it knows what the function requires. */
    public RunFunctionRequest withoutInventory() {
        State.Builder state = State.newBuilder().setComposite(Resource.newBuilder().setResource(composite));
        observed.forEach((key, dpu) -> state.putResources(key, Resource.newBuilder().setResource(dpu).build()));
        return RunFunctionRequest.newBuilder()
                .setMeta(RequestMeta.newBuilder().setTag("tag-" + observed.size())
                        .addCapabilities(Capability.CAPABILITY_CAPABILITIES)
                        .addCapabilities(Capability.CAPABILITY_REQUIRED_RESOURCES)
                        .addCapabilities(Capability.CAPABILITY_CREDENTIALS)
                        .addCapabilities(Capability.CAPABILITY_CONDITIONS)
                        .addCapabilities(Capability.CAPABILITY_REQUIRED_SCHEMAS))
                .setObserved(state)
                .setInput(Structs.toStruct((ObjectNode) yaml("{apiVersion: fn.dpuplane.io/v1alpha1, kind: " + kind + "}")))
                .build();
    }

    public List<Struct> nodes() {
        List<Struct> nodes = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            ObjectNode node = object("DPUNode", hosts.get(i));
            ((ObjectNode) node.get("metadata")).putObject("labels")
                    .put("dpuplane.io/pool", pools.getOrDefault(hosts.get(i), "edge"));
            node.putObject("spec").put("hostname", hosts.get(i)).put("agentEndpoint", "10.0.0." + i + ":7443");
            nodes.add(Structs.toStruct(node));
        }
        return nodes;
    }

    public List<Struct> devices() {
        List<Struct> devices = new ArrayList<>();
        hosts.forEach(host -> devices.add(device(host, PCI, "BlueField-3")));
        devices.addAll(extraDevices);
        return devices;
    }

    /** How far a DPU is, as its provider reports it. */
    public enum Readiness { READY, PROVISIONING, FAILED }

    /** A DPU as the provider reports it, at a generation, Ready for its spec or not. */
    public static Struct dpu(String host, Revision revision, Readiness readiness, long generation) {
        return dpu(host, revision, readiness, generation, generation);
    }

    /** A DPU whose status is about an older generation than its spec: the provider has not caught up. */
    public static Struct dpu(String host, Revision revision, Readiness readiness, long generation,
            long observedGeneration) {
        ObjectNode dpu = object("DPU", DpuNames.name(XR_NAME, host, PCI));
        ((ObjectNode) dpu.get("metadata")).put("generation", generation).putObject("annotations")
                .put("crossplane.io/composition-resource-name", DpuNames.key(host, PCI));
        ObjectNode forProvider = dpu.putObject("spec").putObject("forProvider");
        forProvider.put("hostNode", host);
        forProvider.putObject("deviceRef").put("name", host + "-03-00-0");
        forProvider.putObject("bfbRef").put("name", revision.bfb());
        forProvider.putObject("flavorRef").put("name", revision.flavor());
        forProvider.putObject("dpuClusterRef").put("name", "edge");
        if (!revision.rolledLabels().isEmpty()) {
            ObjectNode labels = forProvider.putObject("clusterNodeLabels");
            revision.rolledLabels().forEach(labels::put);
        }
        ObjectNode status = dpu.putObject("status");
        status.put("observedGeneration", observedGeneration);
        ArrayNode conditions = status.putArray("conditions");
        boolean ready = readiness == Readiness.READY;
        conditions.addObject().put("type", "Ready").put("status", ready ? "True" : "False")
                .put("reason", ready ? "Available" : "Creating").put("observedGeneration", observedGeneration)
                .put("lastTransitionTime", "2026-11-28T00:00:00Z");
        conditions.addObject().put("type", "Synced").put("status", readiness == Readiness.FAILED ? "False" : "True")
                .put("reason", readiness == Readiness.FAILED ? "ReconcileError" : "ReconcileSuccess")
                .put("observedGeneration", observedGeneration).put("lastTransitionTime", "2026-11-28T00:00:00Z");
        ObjectNode atProvider = status.putObject("atProvider");
        atProvider.put("phase", switch (readiness) {
            case READY -> "Ready";
            case PROVISIONING -> "OSInstalling";
            case FAILED -> "Error";
        });
        if (readiness == Readiness.FAILED) {
            atProvider.put("lastError", "BFB " + revision.bfb() + ": sha256 mismatch");
        }
        if (ready) {
            atProvider.putObject("installed").put("bfb", revision.bfb()).put("flavor", revision.flavor());
        }
        return Structs.toStruct(dpu);
    }

    private static Struct device(String host, String pci, String model) {
        ObjectNode device = object("DPUDevice", host + "-" + DpuNames.pciShort(pci));
        ((ObjectNode) device.get("metadata")).putObject("labels").put("dpuplane.io/node", host);
        device.putObject("spec").put("nodeName", host).put("pciAddress", pci)
                .put("serialNumber", "MT" + Integer.toHexString(host.hashCode())).put("model", model);
        return Structs.toStruct(device);
    }

    private static ObjectNode object(String kind, String name) {
        ObjectNode object = YAML.createObjectNode();
        object.put("apiVersion", "provisioning.dpuplane.io/v1alpha1");
        object.put("kind", kind);
        object.putObject("metadata").put("name", name).put("namespace", NAMESPACE);
        return object;
    }

    private static Resources resources(List<Struct> objects) {
        Resources.Builder resources = Resources.newBuilder();
        objects.forEach(object -> resources.addItems(Resource.newBuilder().setResource(object)));
        return resources.build();
    }

    static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
