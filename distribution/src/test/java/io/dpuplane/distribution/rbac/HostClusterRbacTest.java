package io.dpuplane.distribution.rbac;

import static io.dpuplane.distribution.rbac.PackagedRbac.as;
import static io.dpuplane.distribution.rbac.PackagedRbac.assertForbidden;
import static io.dpuplane.distribution.rbac.PackagedRbac.awaitAllowed;
import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.testkit.ProjectLayout;
import io.dpuplane.testkit.kube.TestControlPlane;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * package/rbac/provider.yaml and agent-host.yaml on a real API server enforcing RBAC: the provider and the host
 * agent, each authenticated as its ServiceAccount, do what their code does and are forbidden what it does not.
 */
class HostClusterRbacTest {

    private static final String TEAM = "team-rbac";
    private static final String INVENTORY = "dpuplane-system";

    private static TestControlPlane plane;
    private static KubernetesClient admin;
    private static KubernetesClient provider;
    private static KubernetesClient agent;

    @BeforeAll
    static void applyPackagedRbac() {
        plane = TestControlPlanes.host();
        admin = plane.client();
        PackagedRbac.apply(plane, "provider.yaml");
        PackagedRbac.apply(plane, "agent-host.yaml");
        PackagedRbac.namespace(plane, TEAM);
        provider = as(plane, "crossplane-system", "provider-dpuplane");
        agent = as(plane, "dpuplane-system", "dpuplane-agent");
    }

    @AfterAll
    static void closeClients() {
        provider.close();
        agent.close();
    }

    @Test
    void providerReconcilesManagedResourcesButNeverDeletesThem() {
        admin.resource(bfb("bfb-rbac")).create();

        awaitAllowed(() -> assertThat(bfbs(provider).inAnyNamespace().list().getItems()).isNotEmpty());
        bfbs(provider).inNamespace(TEAM).withName("bfb-rbac").edit(b -> {
            b.getMetadata().getAnnotations().put("crossplane.io/external-name", "bf-bundle-2.9.1");
            return b;
        });
        bfbs(provider).inNamespace(TEAM).withName("bfb-rbac").editStatus(b -> {
            b.setAdditionalProperty("status", Map.of("observedGeneration", 1));
            return b;
        });
        GenericKubernetesResource latest = bfbs(provider).inNamespace(TEAM).withName("bfb-rbac").get();
        provider.resource(latest).update();

        assertForbidden(() -> bfbs(provider).inNamespace(TEAM).withName("bfb-rbac").delete());
        assertForbidden(() -> provider.resource(bfb("bfb-made-by-provider")).create());
    }

    @Test
    void providerWritesConnectionSecretsAndEventsButCannotListSecrets() {
        awaitAllowed(() -> provider.secrets().inNamespace(TEAM).resource(new SecretBuilder().withNewMetadata()
                .withName("bfb-connection").endMetadata().addToStringData("url", "https://example.invalid").build())
                .create());
        var secret = provider.secrets().inNamespace(TEAM).withName("bfb-connection").get();
        secret.getMetadata().getLabels().put("dpuplane.io/owner", "bfb-rbac");
        provider.resource(secret).update();
        provider.v1().events().inNamespace(TEAM).resource(new EventBuilder().withNewMetadata()
                .withGenerateName("bfb-rbac.").endMetadata().withType("Normal").withReason("CreatedExternalResource")
                .withMessage("rbac test").withNewInvolvedObject().withKind("BFB").withNamespace(TEAM)
                .withName("bfb-rbac").endInvolvedObject().build()).create();
        provider.secrets().inNamespace(TEAM).withName("bfb-connection").delete();

        assertForbidden(() -> provider.secrets().inNamespace(TEAM).list());
    }

    @Test
    void providerDrainsAHostThroughTheEvictionApiButCannotDeleteAPod() {
        admin.pods().inNamespace(TEAM).resource(new PodBuilder().withNewMetadata().withName("drained").endMetadata()
                .withNewSpec().withNodeName("host-rbac-drain").addNewContainer().withName("main")
                .withImage("example.invalid/main:1").endContainer().endSpec().build()).create();

        awaitAllowed(() -> assertThat(provider.pods().inAnyNamespace().withField("spec.nodeName", "host-rbac-drain")
                .list().getItems()).extracting(p -> p.getMetadata().getName()).containsExactly("drained"));
        provider.policy().v1().podDisruptionBudget().inNamespace(TEAM).list();
        assertForbidden(() -> provider.pods().inNamespace(TEAM).withName("drained").delete());
        assertThat(provider.pods().inNamespace(TEAM).withName("drained").evict()).isTrue();
        assertThat(admin.pods().inNamespace(TEAM).withName("drained").get().getMetadata().getDeletionTimestamp())
                .as("evicted").isNotNull();
    }

    @Test
    void providerAppliesANodeEffectButCannotDeleteTheNode() {
        admin.resource(new NodeBuilder().withNewMetadata().withName("host-rbac-1").endMetadata().build()).create();

        awaitAllowed(() -> provider.nodes().resource(admin.nodes().withName("host-rbac-1").get()).update());
        awaitAllowed(() -> provider.nodes().withName("host-rbac-1").edit(n -> {
            n.getMetadata().setLabels(new HashMap<>(Map.of("dpuplane.io/dpu-installing", "true")));
            n.getSpec().setUnschedulable(true);
            return n;
        }));
        assertThat(admin.nodes().withName("host-rbac-1").get().getSpec().getUnschedulable()).isTrue();

        assertForbidden(() -> provider.nodes().withName("host-rbac-1").delete());
        assertForbidden(() -> provider.nodes().list());
    }

    @Test
    void providerElectsALeaderInItsOwnNamespaceOnly() {
        var lease = new LeaseBuilder().withNewMetadata().withName("provider-dpuplane-leader").endMetadata()
                .withNewSpec().withHolderIdentity("provider-0").withLeaseDurationSeconds(60).endSpec().build();
        awaitAllowed(() -> provider.leases().inNamespace("crossplane-system").resource(lease).create());
        var held = provider.leases().inNamespace("crossplane-system").withName("provider-dpuplane-leader").get();
        held.getSpec().setHolderIdentity("provider-1");
        provider.resource(held).update();

        assertForbidden(() -> provider.leases().inNamespace(TEAM).resource(lease).create());
    }

    @Test
    void providerIssuesTheAgentCertificatesItselfOrThroughCertManager() {
        // its own CA: create and rotate (update) the Secrets in the agents' namespace
        awaitAllowed(() -> provider.secrets().inNamespace(INVENTORY).resource(new SecretBuilder().withNewMetadata()
                .withName("dpuplane-agent-ca").endMetadata().addToStringData("tls.crt", "ca").build()).create());
        var ca = provider.secrets().inNamespace(INVENTORY).withName("dpuplane-agent-ca").get();
        ca.setStringData(Map.of("next.crt", "next ca"));
        provider.resource(ca).update();

        // through cert-manager: server-side applied Issuers and Certificates, read back for their status
        Path crds = ProjectLayout.cacheDir().resolve("cert-manager-1.21.2").resolve("crds");
        plane.installCrd(crds.resolve("cert-manager.io_certificates.yaml"));
        plane.installCrd(crds.resolve("cert-manager.io_issuers.yaml"));
        awaitAllowed(() -> provider.resource(certManager("Issuer", "dpuplane-agent-selfsigned", "selfSigned: {}"))
                .fieldManager("provider-dpuplane").forceConflicts().serverSideApply());
        provider.resource(certManager("Certificate", "dpuplane-agent-tls",
                "{secretName: dpuplane-agent-tls, dnsNames: [dpuplane-agent], issuerRef: {name: dpuplane-agent-ca}}"))
                .fieldManager("provider-dpuplane").forceConflicts().serverSideApply();
        assertThat(provider.genericKubernetesResources("cert-manager.io/v1", "Certificate").inNamespace(INVENTORY)
                .withName("dpuplane-agent-tls").get()).isNotNull();

        assertForbidden(() -> provider.genericKubernetesResources("cert-manager.io/v1", "Certificate")
                .inNamespace(INVENTORY).withName("dpuplane-agent-tls").delete());
        assertForbidden(() -> provider.genericKubernetesResources("cert-manager.io/v1", "Certificate")
                .inAnyNamespace().list());
    }

    private static GenericKubernetesResource certManager(String kind, String name, String spec) {
        return Serialization.unmarshal("""
                apiVersion: cert-manager.io/v1
                kind: %s
                metadata: {name: %s, namespace: %s}
                spec: %s
                """.formatted(kind, name, INVENTORY, spec.startsWith("{") ? spec : "{" + spec + "}"),
                GenericKubernetesResource.class);
    }

    @Test
    void providerReadsTheInventoryButOnlyTheAgentWritesIt() {
        awaitAllowed(() -> dpuNodes(provider).inNamespace(INVENTORY).list());

        assertForbidden(() -> provider.resource(dpuNode("host-from-provider")).create());
    }

    @Test
    void hostAgentPublishesItsInventoryInTheInventoryNamespaceOnly() {
        awaitAllowed(() -> agent.resource(dpuNode("host-rbac-2")).fieldManager("dpuplane-agent").forceConflicts()
                .serverSideApply());
        dpuNodes(agent).inNamespace(INVENTORY).withName("host-rbac-2").editStatus(n -> {
            n.setAdditionalProperty("status", Map.of("lastHeartbeatTime", "2026-01-01T00:00:00Z"));
            return n;
        });
        agent.resource(dpuDevice("host-rbac-2-mt2306x")).fieldManager("dpuplane-agent").forceConflicts()
                .serverSideApply();
        assertThat(dpuDevices(agent).inNamespace(INVENTORY).withLabel("dpuplane.io/node", "host-rbac-2").list()
                .getItems()).hasSize(1);
        dpuDevices(agent).inNamespace(INVENTORY).withName("host-rbac-2-mt2306x").delete();

        GenericKubernetesResource elsewhere = dpuNode("host-rbac-3");
        elsewhere.getMetadata().setNamespace(TEAM);
        assertForbidden(() -> agent.resource(elsewhere).fieldManager("dpuplane-agent").serverSideApply());
        assertForbidden(() -> agent.secrets().inNamespace(INVENTORY).withName("dpuplane-agent-tls").get());
        assertForbidden(() -> agent.genericKubernetesResources("provisioning.dpuplane.io/v1alpha1", "DPU")
                .inAnyNamespace().list());
    }

    private static MixedOperation<GenericKubernetesResource,
            GenericKubernetesResourceList, Resource<GenericKubernetesResource>> bfbs(KubernetesClient client) {
        return client.genericKubernetesResources("provisioning.dpuplane.io/v1alpha1", "BFB");
    }

    private static MixedOperation<GenericKubernetesResource,
            GenericKubernetesResourceList, Resource<GenericKubernetesResource>> dpuNodes(KubernetesClient client) {
        return client.genericKubernetesResources("provisioning.dpuplane.io/v1alpha1", "DPUNode");
    }

    private static MixedOperation<GenericKubernetesResource,
            GenericKubernetesResourceList, Resource<GenericKubernetesResource>> dpuDevices(KubernetesClient client) {
        return client.genericKubernetesResources("provisioning.dpuplane.io/v1alpha1", "DPUDevice");
    }

    private static GenericKubernetesResource bfb(String name) {
        return admin.getKubernetesSerialization().unmarshal("""
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: BFB
                metadata: {name: %s, namespace: %s, annotations: {}}
                spec:
                  forProvider: {url: "https://example.invalid/bf-bundle-2.9.1.bfb"}
                """.formatted(name, TEAM), GenericKubernetesResource.class);
    }

    private static GenericKubernetesResource dpuNode(String name) {
        return admin.getKubernetesSerialization().unmarshal("""
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: DPUNode
                metadata: {name: %s, namespace: %s}
                spec: {hostname: %s, agentEndpoint: "%s:8443"}
                """.formatted(name, INVENTORY, name, name), GenericKubernetesResource.class);
    }

    private static GenericKubernetesResource dpuDevice(String name) {
        return admin.getKubernetesSerialization().unmarshal("""
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: DPUDevice
                metadata: {name: %s, namespace: %s, labels: {dpuplane.io/node: host-rbac-2}}
                spec: {model: BlueField-3, nodeName: host-rbac-2, pciAddress: "0000:03:00.0", serialNumber: MT2306X}
                """.formatted(name, INVENTORY), GenericKubernetesResource.class);
    }
}
