package io.dpuplane.functions.dpuset;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.dpuplane.apis.crossplane.ProviderConfigReference;
import io.dpuplane.apis.crossplane.Reference;
import io.dpuplane.apis.provisioning.v1alpha1.DPUModel;
import io.dpuplane.apis.provisioning.v1alpha1.NodeDrain;
import io.dpuplane.apis.provisioning.v1alpha1.NodeEffect;
import io.dpuplane.functions.sdk.Structs;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The spec of a DPUSet composite ({@code platform.dpuplane.io/v1alpha1}), as its XRD in
 * {@code compositions/dpuset/xrd.yaml} defines it. Fields the XRD defaults may still be absent here (a
 * render without the XRD), so the accessors below supply the same defaults.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record DPUSetSpec(
        LabelSelector nodeSelector,
        DpuSelector dpuSelector,
        Reference bfbRef,
        Reference flavorRef,
        Reference dpuClusterRef,
        NodeEffect nodeEffect,
        RollingUpdate rollingUpdate,
        Map<String, String> dpuLabels,
        Map<String, String> clusterNodeLabels,
        ProviderConfigReference providerConfigRef) {

    /** Hosts (DPUNodes) by their labels. */
    record LabelSelector(Map<String, String> matchLabels) {
    }

    /** Cards (DPUDevices) by their labels, and optionally by model and PCI address. */
    record DpuSelector(Map<String, String> matchLabels, List<DPUModel> models, List<String> pciAddresses) {
    }

    /** How fast a BFB or flavor change replaces DPUs. */
    record RollingUpdate(IntOrString maxUnavailable) {
    }

    /** What every DPU of the set is provisioned with. */
    Revision revision() {
        return new Revision(bfbRef.name(), flavorRef.name());
    }

    Map<String, String> nodeLabels() {
        return nodeSelector == null || nodeSelector.matchLabels() == null ? Map.of() : nodeSelector.matchLabels();
    }

    Map<String, String> deviceLabels() {
        return dpuSelector == null || dpuSelector.matchLabels() == null ? Map.of() : dpuSelector.matchLabels();
    }

    /** The selected models as DPUDevices spell them (e.g. BlueField-3); empty selects every model. */
    Set<String> models() {
        if (dpuSelector == null || dpuSelector.models() == null) {
            return Set.of();
        }
        return dpuSelector.models().stream().map(Structs::wireName).collect(Collectors.toSet());
    }

    List<String> pciAddresses() {
        return dpuSelector == null || dpuSelector.pciAddresses() == null ? List.of() : dpuSelector.pciAddresses();
    }

    NodeEffect effectiveNodeEffect() {
        return nodeEffect != null ? nodeEffect : new NodeEffect(null, null, null,
                new NodeDrain(null));
    }

    Map<String, String> labelsOfDpus() {
        return dpuLabels == null ? Map.of() : dpuLabels;
    }

    MaxUnavailable maxUnavailable() {
        return MaxUnavailable.of(rollingUpdate == null ? null : rollingUpdate.maxUnavailable());
    }

    /** The first required field that is missing, as the user would name it; empty when complete. */
    String missingField() {
        if (bfbRef == null || bfbRef.name() == null || bfbRef.name().isEmpty()) {
            return "spec.bfbRef.name";
        }
        if (flavorRef == null || flavorRef.name() == null || flavorRef.name().isEmpty()) {
            return "spec.flavorRef.name";
        }
        if (dpuClusterRef == null || dpuClusterRef.name() == null || dpuClusterRef.name().isEmpty()) {
            return "spec.dpuClusterRef.name";
        }
        return "";
    }
}
