package io.dpuplane.functions.dpudeployment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Struct;
import io.dpuplane.apis.crossplane.ProviderConfigReference;
import io.dpuplane.functions.dpuset.DpuNames;
import io.dpuplane.functions.sdk.CannotComposeException;
import io.dpuplane.functions.sdk.FunctionResponse;
import io.dpuplane.functions.sdk.Structs;
import io.dpuplane.functions.sdk.Unstructured;
import java.util.Map;
import java.util.Optional;

/**
 * Composes the svc.dpuplane.io objects of one composite (DPUDeployment or DPUNetwork): each under a
 * composition-resource-name, named after the composite, delivered to its DPU cluster, and ready when the
 * provider reports it Ready. Knows the composite's observed objects, so readiness is read once per object.
 */
public final class Composer {

    static final String SVC_API_VERSION = "svc.dpuplane.io/v1alpha1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FunctionResponse response;
    private final String owner;
    private final String subject;
    private final String namespace;
    private final String cluster;
    private final ProviderConfigReference providerConfig;
    private final Map<String, Unstructured> observed;

    /** One composed object, with whether the provider reports it Ready and, if not, why. */
    public record Composed(String key, String kind, String name, boolean ready, String problem) {
    }

    /** For the composite {@code owner} of a kind (DPUDeployment, DPUNetwork), delivering to {@code cluster}. */
    public Composer(FunctionResponse response, String kind, String owner, String namespace, String cluster,
            ProviderConfigReference providerConfig, Map<String, Unstructured> observed) {
        this.response = response;
        this.owner = owner;
        this.subject = kind + " " + owner;
        this.namespace = namespace;
        this.cluster = cluster;
        this.providerConfig = providerConfig;
        this.observed = observed;
    }

    public String owner() {
        return owner;
    }

    /** The composite as a message names it, e.g. "DPUDeployment edge". */
    public String subject() {
        return subject;
    }

    /** The object name for a part of the composite, e.g. {@code quickstart-firewall-in}. */
    public String nameOf(String part) {
        return DpuNames.label(part.isEmpty() ? owner : owner + "-" + part);
    }

    public Optional<Unstructured> observed(String key) {
        return Optional.ofNullable(observed.get(key));
    }

    /** A forProvider object that delivers to the composite's DPU cluster, on nodes with these labels. */
    public ObjectNode forProvider(Map<String, String> nodeSelector) {
        ObjectNode forProvider = JSON.createObjectNode();
        forProvider.putObject("clusters").putArray("names").add(cluster);
        if (!nodeSelector.isEmpty()) {
            ObjectNode selector = forProvider.putObject("nodeSelector");
            nodeSelector.forEach(selector::put);
        }
        return forProvider;
    }

    /** Composes a svc.dpuplane.io object of a kind under {@code key}, named {@code name}. */
    public Composed compose(String key, String kind, String name, Map<String, String> labels, ObjectNode forProvider) {
        ObjectNode object = JSON.createObjectNode();
        object.put("apiVersion", SVC_API_VERSION);
        object.put("kind", kind);
        ObjectNode metadata = object.putObject("metadata");
        metadata.put("name", name);
        if (!namespace.isEmpty()) {
            metadata.put("namespace", namespace);
        }
        ObjectNode labelNode = metadata.putObject("labels");
        labels.forEach(labelNode::put);
        ObjectNode spec = object.putObject("spec");
        if (providerConfig != null) {
            spec.set("providerConfigRef", JSON.valueToTree(providerConfig));
        }
        spec.set("forProvider", forProvider);
        return compose(key, kind, name, Structs.toStruct(object));
    }

    /** Composes an object as it exists, unchanged: an old revision kept while DPUs still run it. */
    public Composed keep(String key, Unstructured existing) {
        Struct.Builder object = Struct.newBuilder()
                .putFields("apiVersion", Structs.text(existing.apiVersion()))
                .putFields("kind", Structs.text(existing.kind()));
        Struct.Builder metadata = Struct.newBuilder().putFields("name", Structs.text(existing.name()));
        existing.struct("metadata", "labels").ifPresent(l -> metadata.putFields("labels", Structs.struct(l)));
        if (!existing.namespace().isEmpty()) {
            metadata.putFields("namespace", Structs.text(existing.namespace()));
        }
        object.putFields("metadata", Structs.struct(metadata.build()));
        existing.struct("spec").ifPresent(s -> object.putFields("spec", Structs.struct(s)));
        return compose(key, existing.kind(), existing.name(), object.build());
    }

    private Composed compose(String key, String kind, String name, Struct object) {
        if (response.composes(key)) {
            throw new CannotComposeException(subject + ": two parts would both be composed as " + key
                    + "; rename one of them");
        }
        Optional<Unstructured> existing = observed(key);
        boolean ready = existing.flatMap(o -> o.condition("Ready")).map(Unstructured.ObservedCondition::isTrue)
                .orElse(false);
        response.compose(key, object, ready);
        return new Composed(key, kind, name, ready, ready ? "" : problem(existing));
    }

    private static String problem(Optional<Unstructured> existing) {
        if (existing.isEmpty()) {
            return "not created yet";
        }
        Optional<Unstructured.ObservedCondition> synced = existing.get().condition("Synced").filter(c -> c.isFalse());
        if (synced.isPresent()) {
            return synced.get().message();
        }
        return existing.get().condition("Ready").map(c -> c.reason() + (c.message().isBlank() ? ""
                : ": " + c.message())).orElse("not reported Ready yet");
    }
}
