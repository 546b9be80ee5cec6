package io.dpuplane.distribution.rbac;

import static io.dpuplane.distribution.rbac.PackagedRbac.as;
import static io.dpuplane.distribution.rbac.PackagedRbac.assertForbidden;
import static io.dpuplane.distribution.rbac.PackagedRbac.awaitAllowed;
import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.testkit.ProjectLayout;
import io.dpuplane.testkit.kube.TestControlPlane;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * package/rbac/provider-dpu-cluster.yaml and agent-dpu.yaml on a second, independent API server standing in for a
 * DPU cluster: the provider joins DPUs and mirrors sfc objects, the DPU agent reads them and claims IP blocks, and
 * each is forbidden what its code never does.
 */
class DpuClusterRbacTest {

    private static final String SFC = "sfc-rbac";

    private static TestControlPlane plane;
    private static KubernetesClient admin;
    private static KubernetesClient provider;
    private static KubernetesClient agent;

    @BeforeAll
    static void applyPackagedRbac() {
        plane = TestControlPlanes.second();
        admin = plane.client();
        for (String kind : new String[] {"serviceinterfaces", "servicechains", "ippools"}) {
            plane.installCrd(ProjectLayout.crdsDir().resolve(kind + ".sfc.dpuplane.io-v1.yml"));
        }
        PackagedRbac.apply(plane, "provider-dpu-cluster.yaml");
        PackagedRbac.apply(plane, "agent-dpu.yaml");
        PackagedRbac.namespace(plane, SFC);
        provider = as(plane, "dpuplane-system", "dpuplane-provider");
        agent = as(plane, "dpuplane-system", "dpuplane-agent");
    }

    @AfterAll
    static void closeClients() {
        provider.close();
        agent.close();
    }

    /** What DpuClusterAccess does to let a DPU join: its token, the bootstrap role and binding, then the Node. */
    @Test
    void providerJoinsADpuWithABootstrapTokenAndTheBootstrapRoleOnly() {
        awaitAllowed(() -> provider.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata()
                .withName("dpuplane:dpu-bootstrap").endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("").withResources("nodes", "nodes/status")
                        .withVerbs("get", "create", "update", "patch").build(),
                        new PolicyRuleBuilder().withApiGroups("coordination.k8s.io").withResources("leases")
                                .withVerbs("get", "create", "update", "patch").build())
                .build()).fieldManager("provider-dpuplane").serverSideApply());
        provider.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata()
                .withName("dpuplane:dpu-bootstrap").endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole")
                .withName("dpuplane:dpu-bootstrap").endRoleRef()
                .addNewSubject().withKind("Group").withApiGroup("rbac.authorization.k8s.io")
                .withName("system:bootstrappers").endSubject().build())
                .fieldManager("provider-dpuplane").serverSideApply();
        assertThat(provider.rbac().clusterRoleBindings().withName("dpuplane:dpu-bootstrap").get()).isNotNull();
        var token = new SecretBuilder().withNewMetadata().withName("bootstrap-token-abc123").endMetadata()
                .withType("bootstrap.kubernetes.io/token")
                .withStringData(Map.of("token-id", "abc123", "token-secret", "0123456789abcdef",
                        "usage-bootstrap-authentication", "true"))
                .build();
        provider.secrets().inNamespace("kube-system").resource(token).create();
        // A create that finds the name taken reads it: the DPU's own token, or another DPU's whose id collided.
        assertThat(provider.secrets().inNamespace("kube-system").withName("bootstrap-token-abc123").get()).isNotNull();
        provider.secrets().inNamespace("kube-system").withName("bootstrap-token-abc123").delete();

        assertForbidden(() -> provider.secrets().inNamespace("default").resource(token).create());
        assertForbidden(() -> provider.secrets().inNamespace("kube-system").list());
        assertForbidden(() -> provider.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata()
                .withName("dpuplane:anything-else").endMetadata().withRules(new PolicyRuleBuilder().withApiGroups("")
                        .withResources("secrets").withVerbs("get").build()).build()).create());
        assertForbidden(() -> provider.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder()
                .withNewMetadata().withName("dpuplane:admin").endMetadata().withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("cluster-admin")
                .endRoleRef().addNewSubject().withKind("Group").withApiGroup("rbac.authorization.k8s.io")
                .withName("system:bootstrappers").endSubject().build()).create());
    }

    @Test
    void providerWatchesLabelsAndRemovesDpuNodesButTouchesNoPods() {
        admin.resource(new NodeBuilder().withNewMetadata().withName("dpu-rbac-1").endMetadata().build()).create();

        awaitAllowed(() -> assertThat(provider.nodes().list().getItems()).isNotEmpty());
        try (var watch = provider.nodes().inform()) {
            assertThat(watch.getStore().getByKey("dpu-rbac-1")).isNotNull();
        }
        provider.nodes().withName("dpu-rbac-1").edit(n -> {
            n.getMetadata().setLabels(new HashMap<>(Map.of("dpuplane.io/dpu", "dpu-rbac-1")));
            return n;
        });
        provider.nodes().withName("dpu-rbac-1").delete();

        assertForbidden(() -> provider.pods().inAnyNamespace().list());
        assertForbidden(() -> provider.resource(new NodeBuilder().withNewMetadata().withName("dpu-fake").endMetadata()
                .build()).create());
    }

    @Test
    void providerMirrorsServiceInterfacesPerNodeAndCleansThemUp() {
        awaitAllowed(() -> provider.resource(new NamespaceBuilder().withNewMetadata().withName("sfc-mirror")
                .endMetadata().build()).create());
        provider.resource(serviceInterface("sfc-mirror", "p0-dpu-rbac-1")).fieldManager("provider-dpuplane")
                .forceConflicts().serverSideApply();
        assertThat(interfaces(provider).inNamespace("sfc-mirror").list().getItems()).hasSize(1);
        interfaces(provider).inNamespace("sfc-mirror").withLabel("dpuplane.io/owner", "dpusi-rbac").delete();

        assertForbidden(() -> provider.namespaces().withName("sfc-mirror").delete());
    }

    @Test
    void dpuAgentWatchesItsObjectsReportsStatusAndClaimsIpBlocks() {
        admin.resource(serviceInterface(SFC, "p0-dpu-rbac-2")).create();

        awaitAllowed(() -> assertThat(interfaces(agent).inAnyNamespace().list().getItems()).isNotEmpty());
        try (Watch watch = agent.pods().inAnyNamespace().withField("spec.nodeName", "dpu-rbac-2")
                .watch(new NoEvents<>())) {
            assertThat(watch).isNotNull();
        }
        interfaces(agent).inNamespace(SFC).withName("p0-dpu-rbac-2").editStatus(i -> {
            i.setAdditionalProperty("status", Map.of("ovsPort", "p0-dpu-rbac-2", "ofport", 3));
            return i;
        });
        var claim = new LeaseBuilder().withNewMetadata().withName("pool-10-0-0-0-24").withNamespace(SFC)
                .addToLabels("dpuplane.io/ipam-block", "true").endMetadata()
                .withNewSpec().withHolderIdentity("dpu-rbac-2").endSpec().build();
        agent.resource(claim).create();
        var held = agent.leases().inNamespace(SFC).withName("pool-10-0-0-0-24").get();
        held.getSpec().setHolderIdentity("dpu-rbac-3");
        agent.resource(held).update();
        assertThat(agent.leases().inAnyNamespace().withLabel("dpuplane.io/ipam-block").list().getItems()).hasSize(1);
        agent.resource(held).delete();

        assertForbidden(() -> agent.resource(serviceInterface(SFC, "p1-dpu-rbac-2")).create());
        assertForbidden(() -> interfaces(agent).inNamespace(SFC).withName("p0-dpu-rbac-2").edit(i -> {
            i.getMetadata().setLabels(Map.of("tampered", "true"));
            return i;
        }));
        assertForbidden(() -> agent.secrets().inAnyNamespace().list());
        assertForbidden(() -> agent.resource(new PodBuilder().withNewMetadata().withName("x").withNamespace(SFC)
                .endMetadata().withNewSpec().addNewContainer().withName("x").withImage("x").endContainer().endSpec()
                .build()).create());
    }

    private static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> interfaces(KubernetesClient client) {
        return client.genericKubernetesResources("sfc.dpuplane.io/v1alpha1", "ServiceInterface");
    }

    private static GenericKubernetesResource serviceInterface(String namespace, String name) {
        return admin.getKubernetesSerialization().unmarshal("""
                apiVersion: sfc.dpuplane.io/v1alpha1
                kind: ServiceInterface
                metadata: {name: %s, namespace: %s, labels: {dpuplane.io/owner: dpusi-rbac}}
                spec: {node: %s, interfaceType: pf, pf: {pfID: 0}}
                """.formatted(name, namespace, name.substring(3)), GenericKubernetesResource.class);
    }

    /** A watch that only has to be allowed to open. */
    private static final class NoEvents<T> implements Watcher<T> {
        @Override
        public void eventReceived(Action action, T resource) {
        }

        @Override
        public void onClose(WatcherException cause) {
        }
    }
}
