package io.dpuplane.functions.dpudeployment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dpuplane.functions.sdk.CannotComposeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The network of a deployment on its DPUs: an interface on br-sfc for each service pod interface and each
 * entry of {@code interfaces}, the IP pools, and the one chain through them, all on the deployment's member
 * nodes. Unlike the services these are not versioned: a change is programmed on every node at once, as
 * the chain always names the same interfaces. A chain port naming something the deployment does not define
 * is refused with the name and where it is used.
 */
final class NetworkParts {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HOST_SIDE_TYPES = Set.of("vf", "pf", "physical", "ovn");

    private NetworkParts() {
    }

    static List<Composer.Composed> compose(Composer composer, DPUDeploymentSpec spec) {
        Map<String, String> members = Map.of(DeploymentLabels.member(composer.owner()), DeploymentLabels.MEMBER_VALUE);
        List<Composer.Composed> parts = new ArrayList<>();
        Map<String, String> interfaceNames = new HashMap<>();
        spec.services().forEach((service, definition) -> definition.podInterfaces().forEach(pod -> {
            ObjectNode forProvider = composer.forProvider(members);
            forProvider.put("interfaceType", "service");
            forProvider.putObject("service").put("serviceID", DeploymentLabels.serviceId(composer.owner(), service))
                    .put("network", pod.networkOrDefault()).put("interfaceName", pod.interfaceName());
            String name = composer.nameOf(service + "-" + pod.name());
            interfaceNames.put(service + "/" + pod.name(), name);
            parts.add(composer.compose("interface-" + service + "-" + pod.name(), "DPUServiceInterface", name,
                    labels(composer), forProvider));
        }));
        spec.interfaces().forEach((name, definition) -> {
            Object type = definition.get("interfaceType");
            if (!HOST_SIDE_TYPES.contains(String.valueOf(type))) {
                throw new CannotComposeException(composer.subject() + ": interface " + name + " has interfaceType "
                        + type + "; spec.interfaces takes vf, pf, physical or ovn (a service's pod interfaces are "
                        + "listed under its spec.services entry)");
            }
            ObjectNode forProvider = composer.forProvider(members);
            forProvider.setAll((ObjectNode) JSON.valueToTree(definition));
            String objectName = composer.nameOf(name);
            interfaceNames.put(name, objectName);
            parts.add(composer.compose("interface-" + name, "DPUServiceInterface", objectName, labels(composer),
                    forProvider));
        });
        spec.ipam().forEach((name, pool) -> {
            ObjectNode forProvider = composer.forProvider(members);
            forProvider.setAll((ObjectNode) JSON.valueToTree(pool));
            parts.add(composer.compose("ipam-" + name, "DPUServiceIPAM", composer.nameOf(name), labels(composer),
                    forProvider));
        });
        if (!spec.switches().isEmpty()) {
            ObjectNode forProvider = composer.forProvider(members);
            ArrayNode switches = forProvider.putArray("switches");
            for (int s = 0; s < spec.switches().size(); s++) {
                ArrayNode ports = switches.addObject().putArray("ports");
                List<DPUDeploymentSpec.Port> wanted = spec.switches().get(s).ports() == null ? List.of()
                        : spec.switches().get(s).ports();
                for (int p = 0; p < wanted.size(); p++) {
                    ports.add(port(composer, spec, interfaceNames, wanted.get(p), "spec.chain.switches[" + s
                            + "].ports[" + p + "]"));
                }
            }
            parts.add(composer.compose("chain", "DPUServiceChain", composer.nameOf(""), labels(composer),
                    forProvider));
        }
        return parts;
    }

    private static ObjectNode port(Composer composer, DPUDeploymentSpec spec, Map<String, String> interfaceNames,
            DPUDeploymentSpec.Port port, String where) {
        ObjectNode node = JSON.createObjectNode();
        String target;
        if (port.iface() != null && port.service() == null) {
            target = port.iface();
            if (!interfaceNames.containsKey(target)) {
                throw missing(composer, where, "interface " + target, "spec.interfaces", spec.interfaces().keySet());
            }
        } else if (port.service() != null && port.iface() == null) {
            String service = port.service().name();
            if (!spec.services().containsKey(service)) {
                throw missing(composer, where, "service " + service, "spec.services", spec.services().keySet());
            }
            target = service + "/" + port.service().iface();
            if (!interfaceNames.containsKey(target)) {
                throw missing(composer, where, "interface " + port.service().iface() + " of service " + service,
                        "spec.services." + service + ".interfaces", spec.services().get(service).podInterfaces()
                                .stream().map(DPUDeploymentSpec.PodInterface::name).toList());
            }
        } else {
            throw new CannotComposeException(composer.subject() + ": " + where + " must set exactly one of interface "
                    + "or service");
        }
        node.putObject("interfaceRef").put("name", interfaceNames.get(target));
        if (port.ipam() != null) {
            if (!spec.ipam().containsKey(port.ipam())) {
                throw missing(composer, where, "IP pool " + port.ipam(), "spec.ipam", spec.ipam().keySet());
            }
            node.putObject("ipamRef").put("name", composer.nameOf(port.ipam()));
        }
        return node;
    }

    private static CannotComposeException missing(Composer composer, String where, String what, String list,
            java.util.Collection<String> known) {
        return new CannotComposeException(composer.subject() + ": " + where + " names " + what + ", which " + list
                + " does not define (it has: " + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
    }

    private static Map<String, String> labels(Composer composer) {
        return Map.of(DeploymentLabels.DEPLOYMENT, composer.owner());
    }
}
