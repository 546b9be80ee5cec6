package io.dpuplane.e2e.provisioning;

import static io.dpuplane.e2e.provisioning.ProvisioningWorld.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dpuplane.agent.emulator.EmulatedDpu;
import io.dpuplane.apis.config.v1alpha1.ClusterProviderConfig;
import io.dpuplane.apis.crossplane.Condition;
import io.dpuplane.apis.provisioning.v1alpha1.DPU;
import io.dpuplane.apis.provisioning.v1alpha1.DPUCluster;
import io.dpuplane.apis.provisioning.v1alpha1.DPUFlavor;
import io.dpuplane.apis.provisioning.v1alpha1.DPUObservation;
import io.dpuplane.apis.provisioning.v1alpha1.DPUPhase;
import io.dpuplane.runtime.Conditions;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.Optional;

/**
 * A test's DPUs on the world's host and what they refer to: a ClusterProviderConfig dialling the world's
 * host agent and registry, a static DPUCluster of the world's DPU cluster, and a DPUFlavor. The DPUs are
 * created, read back and awaited here, so each test states only what it proves.
 */
final class DpuFleet {

    private final ProvisioningWorld world;
    private final String providerConfig;
    private final String dpuCluster;
    private final String flavor;
    private final Duration wait;

    private DpuFleet(ProvisioningWorld world, String providerConfig, String dpuCluster, String flavor, Duration wait) {
        this.world = world;
        this.providerConfig = providerConfig;
        this.dpuCluster = dpuCluster;
        this.flavor = flavor;
        this.wait = wait;
    }

    /** Applies the ClusterProviderConfig, DPUCluster (and its kubeconfig Secret) and DPUFlavor of this name. */
    static DpuFleet apply(ProvisioningWorld world, String providerConfig, String dpuCluster, String flavor,
            Duration wait) {
        DpuFleet fleet = new DpuFleet(world, providerConfig, dpuCluster, flavor, wait);
        fleet.providerConfig(providerConfig, "");
        world.client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata()
                .withName(dpuCluster + "-kubeconfig").endMetadata()
                .addToStringData("kubeconfig", world.dpuCluster.kubeconfigYaml()).build()).serverSideApply();
        world.client.resource(Serialization.unmarshal("""
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: DPUCluster
                metadata: {name: %s, namespace: %s}
                spec: {forProvider: {type: static, kubeconfigSecretRef: {name: %s-kubeconfig}}}
                """.formatted(dpuCluster, NS, dpuCluster), DPUCluster.class)).serverSideApply();
        fleet.flavor(flavor, "[hugepages=3072]");
        return fleet;
    }

    /** A ClusterProviderConfig for the world's agents and registry, with extra lines under its spec. */
    void providerConfig(String name, String extraSpec) {
        world.client.resource(Serialization.unmarshal("""
                apiVersion: dpuplane.io/v1alpha1
                kind: ClusterProviderConfig
                metadata: {name: %s}
                spec:
                  agent: {tlsSecretRef: {name: agent-client-tls, namespace: crossplane-system}}
                  bfbCache: {registryURL: "%s"}
                  %s
                """.formatted(name, world.registryUrl(), extraSpec), ClusterProviderConfig.class))
                .forceConflicts().serverSideApply();
    }

    /** A DPUFlavor (flavors are immutable: a change is a new flavor) with these grub kernel parameters. */
    void flavor(String name, String kernelParameters) {
        world.client.resource(Serialization.unmarshal("""
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: DPUFlavor
                metadata: {name: %s, namespace: %s}
                spec: {forProvider: {grub: {kernelParameters: %s}}}
                """.formatted(name, NS, kernelParameters), DPUFlavor.class)).serverSideApply();
    }

    /** A DPU of the world's host card at {@code pci}, with a node effect written as YAML. */
    void dpu(String name, String pci, String bfb, String nodeEffect) {
        dpu(name, pci, bfb, nodeEffect, providerConfig, "");
    }

    /** A DPU under another ClusterProviderConfig, with extra lines under forProvider. */
    void dpu(String name, String pci, String bfb, String nodeEffect, String providerConfig, String extraForProvider) {
        world.client.resource(Serialization.unmarshal("""
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: DPU
                metadata: {name: %s, namespace: %s}
                spec:
                  providerConfigRef: {kind: ClusterProviderConfig, name: %s}
                  forProvider:
                    hostNode: %s
                    pciAddress: "%s"
                    bfbRef: {name: %s}
                    flavorRef: {name: %s}
                    dpuClusterRef: {name: %s}
                    nodeEffect: %s
                    %s
                """.formatted(name, NS, providerConfig, world.hostName, pci, bfb, flavor, dpuCluster, nodeEffect,
                extraForProvider), DPU.class)).create();
    }

    DPU get(String name) {
        return world.client.resources(DPU.class).inNamespace(NS).withName(name).get();
    }

    Optional<Condition> condition(String name, String type) {
        DPU dpu = get(name);
        return dpu == null || dpu.getStatus() == null ? Optional.empty()
                : Conditions.find(dpu.getStatus().getConditions(), type);
    }

    DPUPhase phase(String name) {
        DPUObservation at = observed(name);
        return at == null ? null : at.getPhase();
    }

    boolean isReady(String name) {
        return condition(name, "Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    void awaitReady(String name) {
        await(name + " Ready").atMost(wait).untilAsserted(() -> assertThat(condition(name, "Ready"))
                .hasValueSatisfying(c -> assertThat(c.getStatus()).as(c.getMessage()).isEqualTo("True")));
    }

    /** Whether the DPU's card is taking an image or booting it. */
    boolean installing(String name) {
        DPUPhase phase = phase(name);
        return phase == DPUPhase.OS_INSTALLING || phase == DPUPhase.REBOOTING;
    }

    /** Whether the DPU's install was accepted by the host agent (it has an operation id) and is streaming. */
    boolean streaming(String name) {
        DPUObservation at = observed(name);
        return at != null && at.getPhase() == DPUPhase.OS_INSTALLING && at.getInstall() != null
                && at.getInstall().getOperationId() != null;
    }

    /** How many boot streams (installs) a card has received. */
    static long bootStreams(EmulatedDpu card) {
        return card.console().stream().filter(l -> l.contains("receiving a boot stream")).count();
    }

    private DPUObservation observed(String name) {
        DPU dpu = get(name);
        return dpu == null || dpu.getStatus() == null ? null : dpu.getStatus().getAtProvider();
    }
}
