package io.dpuplane.functions.dpudeployment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dpuplane.apis.crossplane.ProviderConfigReference;
import io.dpuplane.functions.sdk.CannotComposeException;
import io.dpuplane.functions.sdk.Structs;
import com.google.protobuf.Struct;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The spec of a DPUDeployment composite ({@code compositions/dpudeployment/xrd.yaml}) beyond its
 * {@code dpus} (a DPUSet's fields, read as {@link io.dpuplane.functions.dpuset.DPUSetSpec}): the network
 * functions with their charts and pod interfaces, the other interfaces on br-sfc, the chain through them,
 * and the IP pools. Maps are sorted by name so everything composed from them comes out in a stable order.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record DPUDeploymentSpec(
        Map<String, Service> services,
        Map<String, Map<String, Object>> interfaces,
        Chain chain,
        Map<String, Map<String, Object>> ipam,
        ProviderConfigReference providerConfigRef) {

    /** A network function: a chart released on every DPU of the deployment, and its pod interfaces. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Service(Map<String, Object> source, String chart, String version, Map<String, Object> values,
            List<PodInterface> interfaces) {

        List<PodInterface> podInterfaces() {
            return interfaces == null ? List.of() : interfaces;
        }
    }

    /** A pod interface of a network function, plugged into br-sfc through a NetworkAttachmentDefinition. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PodInterface(String name, String interfaceName, String network) {

        static final String DEFAULT_NETWORK = "dpuplane-sfc";

        String networkOrDefault() {
            return network == null || network.isEmpty() ? DEFAULT_NETWORK : network;
        }
    }

    /** The one chain of the deployment: switches of ports, in order. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Chain(List<Switch> switches) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Switch(List<Port> ports) {
    }

    /** A port: an entry of {@code interfaces}, or a service's pod interface; optionally with an IP pool. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Port(@JsonProperty("interface") String iface, ServicePort service, String ipam) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ServicePort(String name, @JsonProperty("interface") String iface) {
    }

    static DPUDeploymentSpec read(Struct spec, String owner) {
        DPUDeploymentSpec read;
        try {
            read = Structs.read(spec, DPUDeploymentSpec.class);
        } catch (IllegalArgumentException e) {
            throw new CannotComposeException(owner + ": " + e.getMessage());
        }
        return new DPUDeploymentSpec(sorted(read.services), sorted(read.interfaces), read.chain, sorted(read.ipam),
                read.providerConfigRef);
    }

    List<Switch> switches() {
        return chain == null || chain.switches() == null ? List.of() : chain.switches();
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return map == null ? Map.of() : new TreeMap<>(map);
    }
}
