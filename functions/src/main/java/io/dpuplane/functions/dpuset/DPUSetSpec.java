package io.dpuplane.functions.dpuset;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.dpuplane.apis.crossplane.ProviderConfigReference;
import io.dpuplane.apis.crossplane.Reference;
import io.dpuplane.apis.provisioning.v1alpha1.DPUModel;
import io.dpuplane.apis.provisioning.v1alpha1.NodeDrain;
import io.dpuplane.apis.provisioning.v1alpha1.NodeEffect;
import com.google.protobuf.Struct;
import io.dpuplane.functions.sdk.CannotComposeException;
import io.dpuplane.functions.sdk.Structs;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The spec of a DPUSet composite ({@code platform.dpuplane.io/v1alpha1}), as its XRD in
 * {@code compositions/dpuset/xrd.yaml} defines it. Fields the XRD defaults may still be absent here (a
 * render without the XRD), so the accessors below supply the same defaults. A DPUDeployment's
 * {@code spec.dpus} has the same fields.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DPUSetSpec(
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
    public record LabelSelector(Map<String, String> matchLabels) {
    }

    /** Cards (DPUDevices) by their labels, and optionally by model and PCI address. */
    public record DpuSelector(Map<String, String> matchLabels, List<DPUModel> models, List<String> pciAddresses) {
    }

    /** How fast a BFB or flavor change replaces DPUs. */
    public record RollingUpdate(IntOrString maxUnavailable) {
    }

    /** What every DPU of the set is provisioned with, with the node labels that roll like a BFB change. */
    Revision revision(Map<String, String> rolledLabels) {
        return new Revision(bfbRef.name(), flavorRef.name(), rolledLabels);
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

    /**
     * The spec at {@code path} of a composite ({@code spec}, or {@code spec.dpus} of a DPUDeployment), or a
     * {@link CannotComposeException} naming what is wrong, for {@code owner} (e.g. "DPUSet edge") to fix.
     */
    public static DPUSetSpec read(Optional<Struct> struct, String path, String owner) {
        if (struct.isEmpty()) {
            throw new CannotComposeException(owner + " has no " + path);
        }
        DPUSetSpec spec;
        try {
            spec = Structs.read(struct.get(), DPUSetSpec.class);
        } catch (IllegalArgumentException e) {
            throw new CannotComposeException(owner + ": " + e.getMessage());
        }
        String missing = spec.missingField();
        if (!missing.isEmpty()) {
            throw new CannotComposeException(owner + ": " + path + "." + missing + " is required");
        }
        return spec;
    }

    /** The same spec with more labels for every DPU's Node (added to its own). */
    public DPUSetSpec withClusterNodeLabels(Map<String, String> more) {
        Map<String, String> labels = new java.util.TreeMap<>(clusterNodeLabels == null ? Map.of() : clusterNodeLabels);
        labels.putAll(more);
        return new DPUSetSpec(nodeSelector, dpuSelector, bfbRef, flavorRef, dpuClusterRef, nodeEffect, rollingUpdate,
                dpuLabels, labels, providerConfigRef);
    }

    /** The first required field that is missing, relative to the spec; empty when complete. */
    String missingField() {
        if (bfbRef == null || bfbRef.name() == null || bfbRef.name().isEmpty()) {
            return "bfbRef.name";
        }
        if (flavorRef == null || flavorRef.name() == null || flavorRef.name().isEmpty()) {
            return "flavorRef.name";
        }
        if (dpuClusterRef == null || dpuClusterRef.name() == null || dpuClusterRef.name().isEmpty()) {
            return "dpuClusterRef.name";
        }
        return "";
    }
}
