package io.dpuplane.functions.dpunetwork;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Struct;
import io.dpuplane.functions.dpudeployment.Composer;
import io.dpuplane.functions.dpuset.DPUSetFunction;
import io.dpuplane.functions.sdk.CompositionFunction;
import io.dpuplane.functions.sdk.FunctionRequest;
import io.dpuplane.functions.sdk.FunctionResponse;
import io.dpuplane.functions.sdk.Structs;
import io.dpuplane.functions.sdk.Unstructured;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DPUNetwork, what a developer claims: "give my pods a network offloaded to the DPU, through these network
 * functions". Composes a DPUServiceInterface per host VF, the uplink, an IP pool, a chain from the VFs
 * through each function to the uplink, and the NetworkAttachmentDefinition the pods attach with.
 */
@ApplicationScoped
public class DPUNetworkFunction implements CompositionFunction {

    static final String INPUT_KIND = "DPUNetwork";
    static final String NETWORK_LABEL = "platform.dpuplane.io/dpunetwork";
    static final String SIDE_LABEL = "platform.dpuplane.io/side";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String inputKind() {
        return INPUT_KIND;
    }

    @Override
    public void run(FunctionRequest request, FunctionResponse response) {
        Unstructured composite = request.observedComposite();
        String name = composite.name();
        DPUNetworkSpec spec = DPUNetworkSpec.read(composite.struct("spec").orElse(Struct.getDefaultInstance()),
                INPUT_KIND + " " + name);
        Composer composer = new Composer(response, INPUT_KIND, name, composite.namespace(), spec.dpuClusterRef().name(),
                spec.providerConfigRef(), request.observedComposed());
        Map<String, String> labels = Map.of(NETWORK_LABEL, name);
        List<Composer.Composed> parts = new ArrayList<>();

        Map<String, String> hostLabels = new LinkedHashMap<>(labels);
        hostLabels.put(SIDE_LABEL, "host");
        for (Integer vf : spec.host().vfIDs()) {
            ObjectNode forProvider = composer.forProvider(spec.dpuNodes());
            forProvider.put("interfaceType", "vf");
            forProvider.putObject("vf").put("pfID", spec.host().pfID()).put("vfID", vf);
            parts.add(composer.compose("interface-vf" + spec.host().pfID() + "-" + vf, "DPUServiceInterface",
                    composer.nameOf("vf" + spec.host().pfID() + "-" + vf), hostLabels, forProvider));
        }
        String uplink;
        if (spec.uplink().interfaceRef() != null) {
            uplink = spec.uplink().interfaceRef().name();
        } else {
            uplink = composer.nameOf("uplink");
            ObjectNode forProvider = composer.forProvider(spec.dpuNodes());
            forProvider.put("interfaceType", "physical");
            forProvider.putObject("physical").put("interfaceName", spec.uplink().interfaceName());
            parts.add(composer.compose("interface-uplink", "DPUServiceInterface", uplink, labels, forProvider));
        }
        ObjectNode pool = composer.forProvider(spec.dpuNodes());
        pool.setAll((ObjectNode) JSON.valueToTree(spec.ipam()));
        parts.add(composer.compose("ipam", "DPUServiceIPAM", composer.nameOf(""), labels, pool));
        parts.add(composer.compose("chain", "DPUServiceChain", composer.nameOf(""), labels,
                chain(composer, spec, hostLabels, uplink)));
        boolean attachmentExists = composer.observed(NetworkAttachment.KEY).isPresent();
        response.compose(NetworkAttachment.KEY, NetworkAttachment.of(name, composite.namespace(), spec), attachmentExists);

        List<String> unready = parts.stream().filter(p -> !p.ready()).map(p -> p.kind() + " " + p.name() + ": "
                + p.problem()).toList();
        boolean ready = unready.isEmpty() && attachmentExists;
        response.compositeStatus(Struct.newBuilder()
                .putFields("networkAttachmentDefinition", Structs.text(composite.namespace() + "/" + name))
                .putFields("chain", Structs.text(describe(spec)))
                .build());
        response.condition("NetworkReady", ready, ready ? "AllReady" : "NotReady", ready
                ? "pods attaching " + composite.namespace() + "/" + name + ": " + describe(spec)
                : String.join("; ", unready.isEmpty() ? List.of("NetworkAttachmentDefinition not created yet")
                        : unready));
        response.compositeReady(ready);
        if (!ready) {
            response.ttl(DPUSetFunction.CONVERGING_TTL);
        }
    }

    /** Switches from the pods' VFs through each function, pod side in and uplink side out, to the uplink. */
    private static ObjectNode chain(Composer composer, DPUNetworkSpec spec, Map<String, String> hostLabels,
            String uplink) {
        ObjectNode forProvider = composer.forProvider(spec.dpuNodes());
        ArrayNode switches = forProvider.putArray("switches");
        ObjectNode from = JSON.createObjectNode();
        ObjectNode selector = from.putObject("interfaceSelector").putObject("matchLabels");
        hostLabels.forEach(selector::put);
        from.putObject("ipamRef").put("name", composer.nameOf(""));
        for (DPUNetworkSpec.NetworkFunction function : spec.functions()) {
            ArrayNode ports = switches.addObject().putArray("ports");
            ports.add(from);
            ports.addObject().putObject("service").put("serviceID", function.serviceID())
                    .put("interfaceName", function.podSide());
            from = JSON.createObjectNode();
            from.putObject("service").put("serviceID", function.serviceID())
                    .put("interfaceName", function.uplinkSide());
        }
        ArrayNode last = switches.addObject().putArray("ports");
        last.add(from);
        last.addObject().putObject("interfaceRef").put("name", uplink);
        return forProvider;
    }

    private static String describe(DPUNetworkSpec spec) {
        StringBuilder path = new StringBuilder("VFs of PF " + spec.host().pfID());
        spec.functions().forEach(f -> path.append(" -> ").append(f.serviceID()));
        path.append(" -> ").append(spec.uplink().interfaceRef() != null ? spec.uplink().interfaceRef().name()
                : spec.uplink().interfaceName());
        return path.toString();
    }

}
