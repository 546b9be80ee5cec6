package io.dpuplane.functions.dpuset;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.dpuplane.apis.provisioning.v1alpha1.DPU;
import io.dpuplane.apis.provisioning.v1alpha1.DPUParameters;
import io.dpuplane.apis.provisioning.v1alpha1.DPUSpec;
import io.dpuplane.functions.sdk.Structs;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DPU a DPUSet desires for a card. The set's part (cluster, node effect, labels, provider config) is
 * built once per call with the provider's own API types; each card then only fills in its name, host,
 * device and the revision (BFB, flavor, rolled node labels) the rollout chose, which keeps composing 10,000 DPUs cheap.
 * Only metadata and spec: a composed resource's status is not ours to write.
 */
final class DpuTemplate {

    private final Map<String, Value> dpu;
    private final Map<String, Value> metadata;
    private final Map<String, Value> spec;
    private final Map<String, Value> forProvider;
    private final Map<String, Value> references = new HashMap<>();
    private final Map<String, String> setNodeLabels;
    private final Map<Map<String, String>, Value> nodeLabels = new HashMap<>();

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
        this.dpu = dpu.getFieldsMap();
        this.metadata = dpu.getFieldsOrThrow("metadata").getStructValue().getFieldsMap();
        this.spec = dpu.getFieldsOrThrow("spec").getStructValue().getFieldsMap();
        this.forProvider = dpu.getFieldsOrThrow("spec").getStructValue().getFieldsOrThrow("forProvider")
                .getStructValue().getFieldsMap();
        this.setNodeLabels = set.clusterNodeLabels() == null ? Map.of() : set.clusterNodeLabels();
        references.put(set.bfbRef().name(), referenceTo(set.bfbRef().name()));
        references.put(set.flavorRef().name(), referenceTo(set.flavorRef().name()));
    }

    /** The DPU named {@code name} for the card {@code deviceName} on {@code hostNode}, at a revision. */
    Struct dpu(String name, String hostNode, String deviceName, Revision revision) {
        Struct.Builder cardForProvider = Struct.newBuilder().putAllFields(forProvider)
                .putFields("hostNode", Structs.text(hostNode))
                .putFields("deviceRef", referenceTo(deviceName))
                .putFields("bfbRef", reference(revision.bfb()))
                .putFields("flavorRef", reference(revision.flavor()));
        if (!revision.rolledLabels().isEmpty()) {
            cardForProvider.putFields("clusterNodeLabels", nodeLabels(revision.rolledLabels()));
        }
        Struct cardSpec = Struct.newBuilder().putAllFields(spec)
                .putFields("forProvider", Structs.struct(cardForProvider.build())).build();
        Struct cardMetadata = Struct.newBuilder().putAllFields(metadata).putFields("name", Structs.text(name)).build();
        return Struct.newBuilder().putAllFields(dpu)
                .putFields("metadata", Structs.struct(cardMetadata))
                .putFields("spec", Structs.struct(cardSpec))
                .build();
    }

    // The set's node labels plus the rolled ones of a revision; a set has few revisions, so build each once.
    private Value nodeLabels(Map<String, String> rolled) {
        return nodeLabels.computeIfAbsent(rolled, r -> {
            Struct.Builder labels = Struct.newBuilder();
            new TreeMap<>(setNodeLabels).forEach((key, value) -> labels.putFields(key, Structs.text(value)));
            new TreeMap<>(r).forEach((key, value) -> labels.putFields(key, Structs.text(value)));
            return Structs.struct(labels.build());
        });
    }

    // The set's BFB and flavor names repeat in every DPU: build their references once.
    private Value reference(String name) {
        Value cached = references.get(name);
        return cached != null ? cached : referenceTo(name);
    }

    private static Value referenceTo(String name) {
        return Structs.struct(Struct.newBuilder().putFields("name", Structs.text(name)).build());
    }
}
