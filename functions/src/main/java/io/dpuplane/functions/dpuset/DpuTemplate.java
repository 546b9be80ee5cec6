package io.dpuplane.functions.dpuset;

import com.google.protobuf.Struct;
import io.dpuplane.apis.provisioning.v1alpha1.DPU;
import io.dpuplane.apis.provisioning.v1alpha1.DPUParameters;
import io.dpuplane.apis.provisioning.v1alpha1.DPUSpec;
import io.dpuplane.functions.sdk.EncodedObject;
import io.dpuplane.functions.sdk.Structs;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The DPU a DPUSet desires for a card. The set's part (cluster, node effect, labels, provider config) is
 * built once per call with the provider's own API types; each card then only fills in its name, host,
 * device and the revision (BFB, flavor, rolled node labels) the rollout chose, and the DPU is written straight
 * in its wire form ({@link EncodedObject}), which keeps composing 10,000 DPUs cheap.
 * Only metadata and spec: a composed resource's status is not ours to write.
 */
final class DpuTemplate {

    private static final Set<String> CARD_FIELDS = Set.of("hostNode", "deviceRef", "bfbRef", "flavorRef",
            "clusterNodeLabels");

    private final byte[] dpu;
    private final byte[] metadata;
    private final byte[] spec;
    private final byte[] forProvider;
    private final byte[] setNodeLabelsEncoded;
    private final Map<String, EncodedObject> references = new HashMap<>();
    private final Map<String, String> setNodeLabels;
    private final Map<Map<String, String>, byte[]> nodeLabels = new HashMap<>();

    DpuTemplate(String namespace, DPUSetSpec set) {
        DPU template = new DPU();
        template.setMetadata(new ObjectMetaBuilder().withNamespace(namespace.isEmpty() ? null : namespace)
                .withLabels(set.labelsOfDpus().isEmpty() ? null : set.labelsOfDpus()).build());
        DPUSpec templateSpec = new DPUSpec();
        templateSpec.setForProvider(new DPUParameters(null, null, null, null, null, set.dpuClusterRef(),
                set.effectiveNodeEffect(), set.clusterNodeLabels() == null || set.clusterNodeLabels().isEmpty()
                        ? null : set.clusterNodeLabels()));
        // The DPU's defaults (provider config, management policies) stay the CRD's unless the set names them.
        templateSpec.setProviderConfigRef(set.providerConfigRef());
        templateSpec.setManagementPolicies(null);
        template.setSpec(templateSpec);
        template.setStatus(null);
        Struct dpu = Structs.of(template);
        Struct spec = dpu.getFieldsOrThrow("spec").getStructValue();
        Struct forProvider = spec.getFieldsOrThrow("forProvider").getStructValue();
        this.dpu = EncodedObject.of(without(dpu, Set.of("metadata", "spec")));
        this.metadata = EncodedObject.of(without(dpu.getFieldsOrThrow("metadata").getStructValue(), Set.of("name")));
        this.spec = EncodedObject.of(without(spec, Set.of("forProvider")));
        this.forProvider = EncodedObject.of(without(forProvider, CARD_FIELDS));
        this.setNodeLabelsEncoded = forProvider.containsFields("clusterNodeLabels")
                ? EncodedObject.of(forProvider.getFieldsOrThrow("clusterNodeLabels").getStructValue()) : null;
        this.setNodeLabels = set.clusterNodeLabels() == null ? Map.of() : set.clusterNodeLabels();
        references.put(set.bfbRef().name(), referenceTo(set.bfbRef().name()));
        references.put(set.flavorRef().name(), referenceTo(set.flavorRef().name()));
    }

    /**
     * The DPU named {@code name} for the card {@code deviceName} on {@code hostNode}, at a revision, encoded
     * ({@link EncodedObject}): the set's parts were encoded once, the card's are appended.
     */
    EncodedObject dpu(String name, String hostNode, String deviceName, Revision revision) {
        EncodedObject cardForProvider = new EncodedObject().fields(forProvider)
                .text("hostNode", hostNode)
                .object("deviceRef", referenceTo(deviceName))
                .object("bfbRef", reference(revision.bfb()))
                .object("flavorRef", reference(revision.flavor()));
        byte[] labels = revision.rolledLabels().isEmpty() ? setNodeLabelsEncoded : nodeLabels(revision.rolledLabels());
        if (labels != null) {
            cardForProvider.object("clusterNodeLabels", labels);
        }
        return new EncodedObject().fields(dpu)
                .object("metadata", new EncodedObject().fields(metadata).text("name", name))
                .object("spec", new EncodedObject().fields(spec).object("forProvider", cardForProvider));
    }

    // The set's node labels plus the rolled ones of a revision; a set has few revisions, so build each once.
    private byte[] nodeLabels(Map<String, String> rolled) {
        return nodeLabels.computeIfAbsent(rolled, r -> {
            Struct.Builder labels = Struct.newBuilder();
            new TreeMap<>(setNodeLabels).forEach((key, value) -> labels.putFields(key, Structs.text(value)));
            new TreeMap<>(r).forEach((key, value) -> labels.putFields(key, Structs.text(value)));
            return EncodedObject.of(labels.build());
        });
    }

    // The set's BFB and flavor names repeat in every DPU: encode their references once.
    private EncodedObject reference(String name) {
        EncodedObject cached = references.get(name);
        return cached != null ? cached : referenceTo(name);
    }

    private static EncodedObject referenceTo(String name) {
        return new EncodedObject().text("name", name);
    }

    private static Struct without(Struct struct, Set<String> fields) {
        Struct.Builder kept = struct.toBuilder();
        fields.forEach(kept::removeFields);
        return kept.build();
    }
}
