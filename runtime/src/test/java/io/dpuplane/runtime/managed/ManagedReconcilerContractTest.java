package io.dpuplane.runtime.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dpuplane.apis.config.v1alpha1.ProviderConfig;
import io.dpuplane.apis.crossplane.Condition;
import io.dpuplane.apis.crossplane.LocalSecretReference;
import io.dpuplane.apis.crossplane.ManagementPolicy;
import io.dpuplane.apis.crossplane.ProviderConfigReference;
import io.dpuplane.runtime.Conditions;
import io.dpuplane.runtime.connection.ConnectionPublisher;
import io.dpuplane.runtime.managed.widget.Widget;
import io.dpuplane.runtime.managed.widget.WidgetApi;
import io.dpuplane.runtime.managed.widget.WidgetSpec;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One test per step of the Crossplane managed-resource contract, on a real API server. */
class ManagedReconcilerContractTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static WidgetWorld world;

    @BeforeAll
    static void start() {
        world = WidgetWorld.start("widgets", WidgetWorld.fastOptions(100));
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    private static Widget widget(String name, int size) {
        Widget widget = new Widget();
        widget.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(world.namespace).build());
        WidgetSpec spec = new WidgetSpec();
        spec.getForProvider().setSize(size);
        widget.setSpec(spec);
        return widget;
    }

    private static Widget create(Widget widget) {
        return world.client.resource(widget).create();
    }

    private static Widget get(String name) {
        return world.client.resources(Widget.class).inNamespace(world.namespace).withName(name).get();
    }

    private static Optional<Condition> condition(String name, String type) {
        Widget widget = get(name);
        return widget == null || widget.getStatus() == null ? Optional.empty()
                : Conditions.find(widget.getStatus().getConditions(), type);
    }

    private static void awaitCondition(String name, String type, String status, String reason) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(condition(name, type))
                .as("%s of %s", type, name)
                .hasValueSatisfying(c -> {
                    assertThat(c.getStatus()).isEqualTo(status);
                    assertThat(c.getReason()).isEqualTo(reason);
                }));
    }

    private static void awaitReadyAndSynced(String name) {
        awaitCondition(name, "Ready", "True", "Available");
        awaitCondition(name, "Synced", "True", "ReconcileSuccess");
    }

    private static List<String> eventReasons(String name) {
        return world.client.v1().events().inNamespace(world.namespace).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName()))
                .map(Event::getReason).toList();
    }

    /** Creates a namespaced ProviderConfig in the widgets' namespace. */
    private static void createProviderConfig(String name) {
        world.client.resources(ProviderConfig.class).inNamespace(world.namespace).resource(Serialization.unmarshal("""
                apiVersion: dpuplane.io/v1alpha1
                kind: ProviderConfig
                metadata: {name: %s}
                spec: {agent: {tlsSecretRef: {name: agent-tls}}}
                """.formatted(name), ProviderConfig.class)).create();
    }

    private static void edit(String name, java.util.function.UnaryOperator<Widget> change) {
        world.client.resources(Widget.class).inNamespace(world.namespace).withName(name).edit(change);
    }

    @Test
    void createMakesTheExternalResourceOnceAndTheResourceBecomesReadyAndSynced() {
        create(widget("created", 3));
        awaitReadyAndSynced("created");
        Widget widget = get("created");
        assertThat(world.api.count("create", "created")).isEqualTo(1);
        assertThat(world.api.peek("created")).isEqualTo(new WidgetApi.State(3, "blue"));
        assertThat(widget.getMetadata().getAnnotations())
                .containsEntry(CrossplaneAnnotations.EXTERNAL_NAME, "created")
                .containsKeys(CrossplaneAnnotations.CREATE_PENDING, CrossplaneAnnotations.CREATE_SUCCEEDED);
        assertThat(widget.getMetadata().getFinalizers()).contains(ManagedResourceWriter.FINALIZER);
        assertThat(widget.getSpec().getForProvider().getColor()).as("late-initialized from the external widget").isEqualTo("blue");
        assertThat(widget.getStatus().getAtProvider()).isEqualTo(new WidgetApi.State(3, "blue"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventReasons("created")).contains("CreatedExternalResource"));
    }

    @Test
    void aPollThatFindsNothingChangedWritesNoStatus() {
        create(widget("unchanged", 3));
        awaitReadyAndSynced("unchanged");
        // Settled: the late-initialized spec written and its generation observed.
        await().atMost(WAIT).until(() -> {
            Widget w = get("unchanged");
            return w.getSpec().getForProvider().getColor() != null
                    && w.getMetadata().getGeneration().equals(w.getStatus().getObservedGeneration());
        });
        // A reconcile may still start from the cache's copy of before the last write, and write that status again:
        // settled once the resource stays as it is for 2 s.
        AtomicReference<String> settled = new AtomicReference<>();
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> {
            String now = get("unchanged").getMetadata().getResourceVersion();
            return now.equals(settled.getAndSet(now));
        });
        String version = settled.get();
        long observed = world.api.count("observe", "unchanged");

        await("polled again").atMost(WAIT).until(() -> world.api.count("observe", "unchanged") > observed + 1);

        assertThat(get("unchanged").getMetadata().getResourceVersion()).as("nothing written").isEqualTo(version);
    }

    @Test
    void aCreateThatSaysWhenToLookAgainIsNotObservedBeforeThen() {
        Widget slow = widget("slow-made", 3);
        slow.getSpec().getForProvider().setColor("slow");
        create(slow);
        awaitCondition("slow-made", "Synced", "True", "ReconcileSuccess");
        long observed = world.api.count("observe", "slow-made");

        await("no observe after the create, for 3 s").during(Duration.ofSeconds(3)).atMost(WAIT)
                .until(() -> world.api.count("observe", "slow-made") == observed);
        assertThat(condition("slow-made", "Ready")).hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("Creating"));
    }

    @Test
    void aCreateWritesTheFinalizerExternalNameAndCreatePendingInOneUpdate() {
        List<Widget> seen = new CopyOnWriteArrayList<>();
        try (Watch watch = world.client.resources(Widget.class).inNamespace(world.namespace).withName("one-write")
                .watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, Widget widget) {
                        seen.add(widget);
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                })) {
            create(widget("one-write", 1));
            awaitReadyAndSynced("one-write");
        }
        Widget firstWrite = seen.stream().filter(w -> !w.getMetadata().getAnnotations().isEmpty()
                || !w.getMetadata().getFinalizers().isEmpty()).findFirst().orElseThrow();
        assertThat(firstWrite.getMetadata().getAnnotations())
                .containsEntry(CrossplaneAnnotations.EXTERNAL_NAME, "one-write")
                .containsKey(CrossplaneAnnotations.CREATE_PENDING);
        assertThat(firstWrite.getMetadata().getFinalizers()).containsExactly(ManagedResourceWriter.FINALIZER);
    }

    @Test
    void upToDateResourceIsObservedAgainEveryPollAndNeverUpdated() {
        create(widget("steady", 2));
        awaitReadyAndSynced("steady");
        long observed = world.api.count("observe", "steady");
        await().atMost(WAIT).until(() -> world.api.count("observe", "steady") >= observed + 3);
        assertThat(world.api.count("update", "steady")).isZero();
        assertThat(world.api.count("create", "steady")).isEqualTo(1);
    }

    @Test
    void driftIsRepairedByAnUpdate() {
        create(widget("drifty", 4));
        awaitReadyAndSynced("drifty");
        world.api.tamper("drifty", new WidgetApi.State(9, "blue"));
        await().atMost(WAIT).until(() -> world.api.peek("drifty").size() == 4);
        assertThat(world.api.count("update", "drifty")).isPositive();
        await().atMost(WAIT).until(() -> eventReasons("drifty").contains("UpdatedExternalResource"));
    }

    @Test
    void aSpecChangeReachesTheExternalResource() {
        create(widget("resized", 1));
        awaitReadyAndSynced("resized");
        edit("resized", w -> {
            w.getSpec().getForProvider().setSize(7);
            return w;
        });
        await().atMost(WAIT).until(() -> world.api.peek("resized").size() == 7);
        awaitCondition("resized", "Synced", "True", "ReconcileSuccess");
    }

    @Test
    void deletionWaitsOnTheFinalizerUntilTheExternalResourceIsGone() {
        create(widget("doomed", 1));
        awaitReadyAndSynced("doomed");
        world.api.failNext("delete", "doomed", "device busy");
        world.client.resource(get("doomed")).delete();
        awaitCondition("doomed", "Synced", "False", "ReconcileError");
        assertThat(condition("doomed", "Synced").orElseThrow().getMessage()).isEqualTo("delete failed: device busy");
        assertThat(get("doomed")).as("held by the finalizer").isNotNull();
        assertThat(world.api.peek("doomed")).isNotNull();
        world.api.heal("delete", "doomed");
        await().atMost(WAIT).until(() -> get("doomed") == null);
        assertThat(world.api.peek("doomed")).isNull();
    }

    @Test
    void orphanPolicyLeavesTheExternalResourceWhenTheManagedResourceIsDeleted() {
        Widget widget = widget("orphan", 5);
        widget.getSpec().setManagementPolicies(List.of(ManagementPolicy.OBSERVE, ManagementPolicy.CREATE,
                ManagementPolicy.UPDATE, ManagementPolicy.LATE_INITIALIZE));
        create(widget);
        awaitReadyAndSynced("orphan");
        world.client.resource(get("orphan")).delete();
        await().atMost(WAIT).until(() -> get("orphan") == null);
        assertThat(world.api.peek("orphan")).isEqualTo(new WidgetApi.State(5, "blue"));
        assertThat(world.api.count("delete", "orphan")).isZero();
    }

    @Test
    void pausedResourceIsNotTouchedUntilTheAnnotationGoes() {
        Widget widget = widget("paused", 2);
        widget.getMetadata().setAnnotations(Map.of(CrossplaneAnnotations.PAUSED, "true"));
        create(widget);
        awaitCondition("paused", "Synced", "False", "ReconcilePaused");
        assertThat(world.api.calls()).noneMatch(c -> c.name().equals("paused"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventReasons("paused")).contains("ReconciliationPaused"));
        edit("paused", w -> {
            w.getMetadata().getAnnotations().remove(CrossplaneAnnotations.PAUSED);
            return w;
        });
        awaitReadyAndSynced("paused");
    }

    @Test
    void aCrashBetweenCreateAndItsBookkeepingNeverCreatesTwice() {
        // The state a crash right after Create leaves: the external widget exists, and the resource says a
        // create is pending with no success or failure recorded.
        world.api.tamper("crashed", new WidgetApi.State(3, "green"));
        Widget widget = widget("crashed", 3);
        widget.getMetadata().setAnnotations(Map.of(CrossplaneAnnotations.CREATE_PENDING, Instant.now().toString()));
        create(widget);
        awaitCondition("crashed", "Synced", "False", "ReconcileError");
        assertThat(condition("crashed", "Synced").orElseThrow().getMessage()).startsWith("cannot determine creation result");
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventReasons("crashed")).contains("CannotInitializeManagedResource"));
        assertThat(world.api.count("create", "crashed")).isZero();
        edit("crashed", w -> {
            w.getMetadata().getAnnotations().remove(CrossplaneAnnotations.CREATE_PENDING);
            return w;
        });
        awaitReadyAndSynced("crashed");
        assertThat(world.api.count("create", "crashed")).isZero();
    }

    @Test
    void aFailedCreateIsReportedAndRetriedWithBackoff() {
        world.api.failNext("create", "refused", "quota exceeded");
        create(widget("refused", 1));
        awaitCondition("refused", "Synced", "False", "ReconcileError");
        assertThat(condition("refused", "Synced").orElseThrow().getMessage()).isEqualTo("create failed: quota exceeded");
        assertThat(condition("refused", "Ready")).hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("Creating"));
        assertThat(get("refused").getMetadata().getAnnotations()).containsKey(CrossplaneAnnotations.CREATE_FAILED);
        await().atMost(WAIT).until(() -> world.api.count("create", "refused") >= 2);
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventReasons("refused")).contains("CannotCreateExternalResource"));
        world.api.heal("create", "refused");
        awaitReadyAndSynced("refused");
    }

    @Test
    void connectionDetailsArePublishedToASecretTheResourceControls() {
        Widget widget = widget("connected", 1);
        widget.getSpec().setWriteConnectionSecretToRef(new LocalSecretReference("connected-conn"));
        create(widget);
        awaitReadyAndSynced("connected");
        Secret secret = world.client.secrets().inNamespace(world.namespace).withName("connected-conn").get();
        assertThat(secret.getType()).isEqualTo(ConnectionPublisher.SECRET_TYPE);
        assertThat(new String(Base64.getDecoder().decode(secret.getData().get("endpoint")), StandardCharsets.UTF_8))
                .isEqualTo("widget://connected");
        assertThat(secret.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(get("connected").getMetadata().getUid()));
    }

    @Test
    void providerConfigUsageIsRecordedWhileTheResourceLivesAndRemovedAfter() {
        create(widget("user", 1));
        awaitReadyAndSynced("user");
        String uid = get("user").getMetadata().getUid();
        var usages = world.client.genericKubernetesResources("dpuplane.io/v1alpha1", "ProviderConfigUsage")
                .inNamespace(world.namespace);
        assertThat(usages.withName(uid).get().getMetadata().getLabels())
                .containsEntry("crossplane.io/provider-config", "default")
                .containsEntry("crossplane.io/provider-config-kind", "ClusterProviderConfig");
        world.client.resource(get("user")).delete();
        await().atMost(WAIT).until(() -> get("user") == null && usages.withName(uid).get() == null);
    }

    @Test
    void aUsageTheApiServerRefusesStopsTheCreateBeforeAnythingIsCreatedAndItGoesAheadOnceAllowed() {
        // A real refusal: an admission policy of the API server denies the usage of this one widget.
        GenericKubernetesResource policy = world.client.resource(Serialization.unmarshal("""
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata: {name: refuse-usage-of-unrecorded}
                spec:
                  failurePolicy: Fail
                  matchConstraints:
                    resourceRules:
                    - {apiGroups: [dpuplane.io], apiVersions: ["*"], operations: [CREATE], resources: [providerconfigusages]}
                  validations:
                  - {expression: "object.resourceRef.name != 'unrecorded'", message: "usages of unrecorded are refused"}
                """, GenericKubernetesResource.class)).create();
        GenericKubernetesResource binding = world.client.resource(Serialization.unmarshal("""
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicyBinding
                metadata: {name: refuse-usage-of-unrecorded}
                spec: {policyName: refuse-usage-of-unrecorded, validationActions: [Deny]}
                """, GenericKubernetesResource.class)).create();
        GenericKubernetesResource probe = Serialization.unmarshal("""
                apiVersion: dpuplane.io/v1alpha1
                kind: ProviderConfigUsage
                metadata: {name: probe}
                providerConfigRef: {kind: ClusterProviderConfig, name: default}
                resourceRef: {apiVersion: v1, kind: Widget, name: unrecorded, uid: probe}
                """, GenericKubernetesResource.class);
        probe.getMetadata().setNamespace(world.namespace);
        await("the API server enforces the policy").atMost(WAIT).until(() -> {
            try {
                world.client.resource(probe).dryRun().create();
                return false;
            } catch (KubernetesClientException e) {
                return e.getCode() == 422;
            }
        });

        create(widget("unrecorded", 1));
        awaitCondition("unrecorded", "Synced", "False", "ReconcileError");
        assertThat(condition("unrecorded", "Synced").orElseThrow().getMessage()).startsWith("connect failed: ")
                .contains("usages of unrecorded are refused");
        assertThat(world.api.count("create", "unrecorded")).as("nothing created without its usage").isZero();
        assertThat(get("unrecorded").getMetadata().getAnnotations()).as("the create is known not to have happened")
                .containsKey(CrossplaneAnnotations.CREATE_FAILED);

        world.client.resource(binding).delete();
        world.client.resource(policy).delete();
        awaitReadyAndSynced("unrecorded");
        assertThat(world.api.count("create", "unrecorded")).isEqualTo(1);
    }

    @Test
    void aProviderConfigInUseCannotBeDeletedUntilItsLastUserIsGone() {
        var configs = world.client.resources(ProviderConfig.class).inNamespace(world.namespace);
        createProviderConfig("team");
        Widget widget = widget("team-user", 1);
        widget.getSpec().setProviderConfigRef(new ProviderConfigReference("ProviderConfig", "team"));
        create(widget);
        awaitReadyAndSynced("team-user");
        await().atMost(WAIT).until(() -> configs.withName("team").get().getStatus() != null
                && Long.valueOf(1).equals(configs.withName("team").get().getStatus().getUsers()));
        assertThat(configs.withName("team").get().getMetadata().getFinalizers()).contains("in-use.crossplane.io");

        configs.withName("team").delete();
        await().atMost(WAIT).untilAsserted(() -> assertThat(Conditions.find(
                configs.withName("team").get().getStatus().getConditions(), "Terminating"))
                .hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("InUse")));
        assertThat(configs.withName("team").get()).as("still there while in use").isNotNull();

        world.client.resource(get("team-user")).delete();
        await().atMost(WAIT).until(() -> configs.withName("team").get() == null);
    }

    @Test
    void aWaveOfUsersIsCountedWithoutAWriteOfTheConfigPerUser() {
        var configs = world.client.resources(ProviderConfig.class).inNamespace(world.namespace);
        createProviderConfig("wave");
        await().atMost(WAIT).until(() -> configs.withName("wave").get().getStatus() != null);
        List<String> versions = new CopyOnWriteArrayList<>();
        int users = 20;
        try (Watch watch = configs.withName("wave").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ProviderConfig config) {
                versions.add(config.getMetadata().getResourceVersion());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            for (int i = 0; i < users; i++) {
                Widget widget = widget("wave-" + i, 1);
                widget.getSpec().setProviderConfigRef(new ProviderConfigReference("ProviderConfig", "wave"));
                create(widget);
            }
            await().atMost(WAIT).until(() -> Long.valueOf(users).equals(configs.withName("wave").get().getStatus().getUsers()));
        }
        // At most one write a second: a wave of users made in a second or two is a few writes, not one per user.
        assertThat(versions).as("writes of the config while %d users came", users).hasSizeLessThanOrEqualTo(users / 2);
        for (int i = 0; i < users; i++) {
            world.client.resource(get("wave-" + i)).delete();
        }
        await().atMost(WAIT).until(() -> Long.valueOf(0).equals(configs.withName("wave").get().getStatus().getUsers()));
        configs.withName("wave").delete();
        await().atMost(WAIT).until(() -> configs.withName("wave").get() == null);
    }

    @Test
    void aMissingProviderConfigIsAConnectErrorThatNamesIt() {
        Widget widget = widget("unconfigured", 1);
        widget.getSpec().setProviderConfigRef(new ProviderConfigReference("ClusterProviderConfig", "nowhere"));
        create(widget);
        awaitCondition("unconfigured", "Synced", "False", "ReconcileError");
        assertThat(condition("unconfigured", "Synced").orElseThrow().getMessage())
                .isEqualTo("connect failed: cannot get ClusterProviderConfig nowhere: not found");
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventReasons("unconfigured")).contains("CannotConnectToProvider"));
    }

    @Test
    void anUnsupportedPolicyCombinationIsRefusedWithoutTouchingTheExternalSystem() {
        Widget widget = widget("invalid-policy", 1);
        widget.getSpec().setManagementPolicies(List.of(ManagementPolicy.CREATE));
        create(widget);
        awaitCondition("invalid-policy", "Synced", "False", "ReconcileError");
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventReasons("invalid-policy")).contains("CannotUseInvalidManagementPolicy"));
        assertThat(world.api.calls()).noneMatch(c -> c.name().equals("invalid-policy"));
    }

    @Test
    void observeOnlyReportsAMissingExternalResourceAndNeverCreatesIt() {
        Widget widget = widget("observed", 1);
        widget.getSpec().setManagementPolicies(List.of(ManagementPolicy.OBSERVE));
        create(widget);
        awaitCondition("observed", "Synced", "False", "ReconcileError");
        assertThat(condition("observed", "Synced").orElseThrow().getMessage()).isEqualTo("external resource does not exist");
        assertThat(world.api.count("create", "observed")).isZero();
        world.api.tamper("observed", new WidgetApi.State(1, "red"));
        awaitReadyAndSynced("observed");
    }

    @Test
    void aHungExternalCallTimesOutAndIsReported() {
        create(widget("hung", 1));
        awaitReadyAndSynced("hung");
        world.api.hang("observe", "hung", Duration.ofSeconds(10));
        awaitCondition("hung", "Synced", "False", "ReconcileError");
        assertThat(condition("hung", "Synced").orElseThrow().getMessage())
                .isEqualTo("observe failed: observe did not finish within 2s");
        world.api.heal("observe", "hung");
        awaitReadyAndSynced("hung");
    }

    @Test
    void aReconcileRequestIsHandledAndRecorded() {
        create(widget("requested", 1));
        awaitReadyAndSynced("requested");
        edit("requested", w -> {
            CrossplaneAnnotations.set(w, CrossplaneAnnotations.RECONCILE_REQUESTED_AT, "token-1");
            return w;
        });
        await().atMost(WAIT).until(() -> "token-1".equals(get("requested").getStatus().getLastHandledReconcileAt()));
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventReasons("requested")).contains("ReconcileRequestHandled"));
    }
}
