package io.dpuplane.provider.dpu;

import io.dpuplane.apis.provisioning.v1alpha1.BFB;
import io.dpuplane.apis.provisioning.v1alpha1.DPU;
import io.dpuplane.apis.provisioning.v1alpha1.DPUCluster;
import io.dpuplane.apis.provisioning.v1alpha1.DPUDevice;
import io.dpuplane.apis.provisioning.v1alpha1.DPUFlavor;
import io.dpuplane.apis.provisioning.v1alpha1.DPUNode;
import io.dpuplane.apis.provisioning.v1alpha1.DPUParameters;
import io.dpuplane.apis.provisioning.v1alpha1.InstalledRevision;
import io.dpuplane.provider.pki.AgentSecrets;
import io.dpuplane.runtime.Conditions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one DPU's provisioning needs, looked up once per reconcile: the BFB (verified), the flavor, the
 * DPU cluster's kubeconfig, the host's agent endpoint and the credentials to call it. A missing or unready
 * input is a {@link Waiting} with a message that names it.
 */
record DpuInputs(String pciAddress, BFB bfb, DPUFlavor flavor, String clusterKubeconfig, String agentEndpoint,
        Secret agentCredentials, String agentServerName, String registryUrl) {

    /** An input is not there yet; provisioning waits for it. */
    static final class Waiting extends RuntimeException {
        Waiting(String message) {
            super(message);
        }
    }

    static DpuInputs resolve(WatchedInputs watched, DPU dpu, GenericKubernetesResource providerConfig,
            DpuSettings settings) {
        DPUParameters p = dpu.getSpec().getForProvider();
        String ns = dpu.getMetadata().getNamespace();
        String pciAddress = pciAddress(watched.client(), dpu, settings);
        BFB bfb = watched.get(BFB.class, ns, p.bfbRef().name());
        if (bfb == null || !ready(bfb.getStatus() == null ? null : bfb.getStatus().getConditions())
                || bfb.getStatus().getAtProvider() == null || bfb.getStatus().getAtProvider().getRegistryPath() == null) {
            throw new Waiting("waiting for BFB " + ns + "/" + p.bfbRef().name() + " to be verified and Ready");
        }
        DPUFlavor flavor = watched.get(DPUFlavor.class, ns, p.flavorRef().name());
        if (flavor == null) {
            throw new Waiting("waiting for DPUFlavor " + ns + "/" + p.flavorRef().name() + " to exist");
        }
        DPUCluster cluster = watched.get(DPUCluster.class, ns, p.dpuClusterRef().name());
        if (cluster == null || cluster.getSpec().getForProvider().kubeconfigSecretRef() == null) {
            throw new Waiting("waiting for DPUCluster " + ns + "/" + p.dpuClusterRef().name()
                    + " (a static cluster with its kubeconfig Secret)");
        }
        var ref = cluster.getSpec().getForProvider().kubeconfigSecretRef();
        String kubeconfig = secretValue(watched, ns, ref.name(), ref.key() == null ? "kubeconfig" : ref.key())
                .orElseThrow(() -> new Waiting("waiting for the kubeconfig Secret " + ns + "/" + ref.name()
                        + " of DPUCluster " + p.dpuClusterRef().name()));
        DPUNode node = watched.get(DPUNode.class, settings.inventoryNamespace(), p.hostNode());
        if (node == null || node.getSpec() == null || node.getSpec().agentEndpoint() == null) {
            throw new Waiting("waiting for the host agent on " + p.hostNode() + " to report (no DPUNode "
                    + settings.inventoryNamespace() + "/" + p.hostNode() + ")");
        }
        return new DpuInputs(pciAddress, bfb, flavor, kubeconfig, node.getSpec().agentEndpoint(),
                agentCredentials(watched, dpu, providerConfig, settings), agentServerName(providerConfig),
                registryUrl(providerConfig, settings));
    }

    /**
     * The card's PCI address: given, or the one of the DPUDevice named by {@code deviceRef}, which the host
     * agent publishes in the inventory namespace (and which must sit in the DPU's host).
     */
    private static String pciAddress(KubernetesClient client, DPU dpu, DpuSettings settings) {
        DPUParameters p = dpu.getSpec().getForProvider();
        if (p.pciAddress() != null) {
            return p.pciAddress();
        }
        String name = p.deviceRef().name();
        DPUDevice device = client.resources(DPUDevice.class).inNamespace(settings.inventoryNamespace()).withName(name).get();
        if (device == null || device.getSpec() == null || device.getSpec().pciAddress() == null) {
            throw new Waiting("waiting for DPUDevice " + settings.inventoryNamespace() + "/" + name
                    + " (the host agent on " + p.hostNode() + " reports it)");
        }
        if (device.getSpec().nodeName() != null && !device.getSpec().nodeName().equals(p.hostNode())) {
            throw new IllegalArgumentException("deviceRef names DPUDevice " + name + ", which sits in host "
                    + device.getSpec().nodeName() + ", not in hostNode " + p.hostNode());
        }
        return device.getSpec().pciAddress();
    }

    /** The revision this DPU should run: which BFB content and which flavor rendering. */
    InstalledRevision desired() {
        return new InstalledRevision(bfb.getMetadata().getName(), bfb.getStatus().getAtProvider().getSha256(),
                flavor.getMetadata().getName(), flavorDigest());
    }

    String bfbUrl() {
        return registryUrl.replaceAll("/+$", "") + bfb.getStatus().getAtProvider().getRegistryPath();
    }

    /** The digest of the flavor's rendering: a changed flavor re-provisions, the same one never does. */
    private String flavorDigest() {
        byte[] rendered = io.dpuplane.provider.flavor.BfCfgRenderer.render(flavorName(),
                flavor.getSpec().getForProvider(), Optional.empty()).bytes();
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(rendered));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String flavorName() {
        return flavor.getMetadata().getNamespace() + "/" + flavor.getMetadata().getName();
    }

    /**
     * The provider's client identity for the agents: the Secret the provider config names, or else the one the
     * provider issues (by itself or through cert-manager) in the agents' namespace.
     */
    @SuppressWarnings("unchecked")
    private static Secret agentCredentials(WatchedInputs watched, DPU dpu, GenericKubernetesResource config,
            DpuSettings settings) {
        Map<String, Object> ref = agentConnection(config).containsKey("tlsSecretRef")
                ? (Map<String, Object>) agentConnection(config).get("tlsSecretRef") : Map.of();
        String name = (String) ref.get("name");
        if (name == null) {
            String namespace = settings.agentCertificatesNamespace();
            Secret issued = watched.secret(namespace, AgentSecrets.PROVIDER_CLIENT);
            if (issued == null) {
                throw new Waiting("waiting for the provider's agent client certificate (Secret " + namespace + "/"
                        + AgentSecrets.PROVIDER_CLIENT + ", issued by the provider or cert-manager): "
                        + config.getKind() + " " + config.getMetadata().getName() + " names no agent.tlsSecretRef");
            }
            return issued;
        }
        String namespace = (String) ref.getOrDefault("namespace", dpu.getMetadata().getNamespace());
        Secret secret = watched.secret(namespace, name);
        if (secret == null) {
            throw new IllegalStateException("the provider config's agent credentials Secret " + namespace + "/" + name
                    + " does not exist");
        }
        return secret;
    }

    private static String agentServerName(GenericKubernetesResource config) {
        Object name = agentConnection(config).get("serverName");
        return name instanceof String s && !s.isBlank() ? s : AgentSecrets.AGENT_SERVER_NAME;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> agentConnection(GenericKubernetesResource config) {
        Map<String, Object> spec = (Map<String, Object>) config.getAdditionalProperties().getOrDefault("spec", Map.of());
        return (Map<String, Object>) spec.getOrDefault("agent", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static String registryUrl(GenericKubernetesResource config, DpuSettings settings) {
        Map<String, Object> spec = (Map<String, Object>) config.getAdditionalProperties().getOrDefault("spec", Map.of());
        Map<String, Object> cache = (Map<String, Object>) spec.getOrDefault("bfbCache", Map.of());
        return (String) cache.getOrDefault("registryURL", settings.registryUrl());
    }

    private static Optional<String> secretValue(WatchedInputs watched, String ns, String name, String key) {
        Secret secret = watched.secret(ns, name);
        return Optional.ofNullable(secret).map(Secret::getData).map(d -> d.get(key))
                .map(v -> new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8));
    }

    private static boolean ready(java.util.List<io.dpuplane.apis.crossplane.Condition> conditions) {
        return Conditions.find(conditions, Conditions.READY).map(c -> "True".equals(c.getStatus())).orElse(false);
    }
}
