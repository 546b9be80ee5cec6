package io.dpuplane.functions.dpuset;

import io.dpuplane.apis.provisioning.v1alpha1.Provisioning;
import io.dpuplane.functions.sdk.FunctionRequest;
import io.dpuplane.functions.sdk.FunctionResponse;
import io.dpuplane.functions.sdk.Unstructured;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The host agents' inventory a DPUSet selects from: DPUNodes (hosts) and DPUDevices (cards) in the set's
 * namespace, which the function asks Crossplane for as required resources, filtered by label there and by
 * model, PCI address and host here.
 */
final class Inventory {

    static final String DEVICES = "dpudevices";
    static final String NODES = "dpunodes";
    static final String API_VERSION = Provisioning.GROUP + "/" + Provisioning.VERSION;

    private Inventory() {
    }

    /** What was selected, with how much was looked at, for a message when nothing matched. */
    record Selection(List<Device> devices, int devicesSeen, int hostsSelected) {

        /** What was looked at, for the owner of a set that selects no card. */
        String noMatchMessage(String namespace, DPUSetSpec spec) {
            String devices = devicesSeen + " DPUDevices" + (spec.deviceLabels().isEmpty() ? ""
                    : " labelled " + selector(spec.deviceLabels()));
            String hosts = hostsSelected < 0 ? ""
                    : ", on " + hostsSelected + " DPUNodes labelled " + selector(spec.nodeLabels());
            return "no DPUDevice in namespace " + namespace + " matches the DPU selector (looked at " + devices
                    + hosts + ")";
        }

        private static String selector(Map<String, String> labels) {
            StringBuilder text = new StringBuilder();
            new TreeMap<>(labels).forEach((key, value) ->
                    text.append(text.length() == 0 ? "" : ",").append(key).append('=').append(value));
            return text.toString();
        }
    }

    /** Asks Crossplane for the DPUDevices, and the DPUNodes when hosts are selected by label. */
    static void require(FunctionResponse response, String namespace, DPUSetSpec spec) {
        response.requireResources(DEVICES, API_VERSION, "DPUDevice", namespace, spec.deviceLabels());
        if (!spec.nodeLabels().isEmpty()) {
            response.requireResources(NODES, API_VERSION, "DPUNode", namespace, spec.nodeLabels());
        }
    }

    /** The cards the set selects, once Crossplane has supplied what was required; empty until then. */
    static Optional<Selection> select(FunctionRequest request, String namespace, DPUSetSpec spec) {
        Optional<List<Unstructured>> devices = request.requiredResources(DEVICES);
        if (devices.isEmpty()) {
            return Optional.empty();
        }
        Set<String> hosts = null;
        if (!spec.nodeLabels().isEmpty()) {
            Optional<List<Unstructured>> nodes = request.requiredResources(NODES);
            if (nodes.isEmpty()) {
                return Optional.empty();
            }
            hosts = hostNames(nodes.get(), namespace, spec.nodeLabels());
        }
        Set<String> models = spec.models();
        Map<String, String> labels = spec.deviceLabels();
        Set<String> pciAddresses = new HashSet<>(spec.pciAddresses());
        Map<String, Device> selected = new LinkedHashMap<>(devices.get().size() * 4 / 3 + 1);
        for (Unstructured object : devices.get()) {
            Unstructured metadata = object.object("metadata");
            Unstructured card = object.object("spec");
            String node = card.text("nodeName");
            String pci = card.text("pciAddress");
            String model = card.text("model");
            boolean chosen = !node.isEmpty() && !pci.isEmpty() && (hosts == null || hosts.contains(node))
                    && (pciAddresses.isEmpty() || pciAddresses.contains(pci))
                    && (models.isEmpty() || models.contains(model))
                    && inNamespace(metadata, namespace)
                    && (labels.isEmpty() || metadata.object("labels").hasTexts(labels));
            if (chosen) {
                Device device = Device.of(metadata.text("name"), node, pci, model);
                selected.putIfAbsent(device.key(), device);
            }
        }
        List<Device> sorted = new ArrayList<>(selected.values());
        sorted.sort(Comparator.comparing(Device::key));
        return Optional.of(new Selection(sorted, devices.get().size(), hosts == null ? -1 : hosts.size()));
    }

    // A DPUNode's name is its host's Node name; spec.hostname says the same and is accepted too.
    private static Set<String> hostNames(List<Unstructured> nodes, String namespace, Map<String, String> labels) {
        Set<String> names = new HashSet<>();
        for (Unstructured node : nodes) {
            Unstructured metadata = node.object("metadata");
            if (inNamespace(metadata, namespace) && metadata.object("labels").hasTexts(labels)) {
                names.add(metadata.text("name"));
                String hostname = node.object("spec").text("hostname");
                if (!hostname.isEmpty()) {
                    names.add(hostname);
                }
            }
        }
        return names;
    }

    private static boolean inNamespace(Unstructured metadata, String namespace) {
        String own = metadata.text("namespace");
        return namespace.isEmpty() || own.isEmpty() || namespace.equals(own);
    }
}
