package io.dpuplane.provider.dpu;

import com.google.protobuf.ByteString;
import io.dpuplane.agent.proto.v1.GetOperationRequest;
import io.dpuplane.agent.proto.v1.HostAgentGrpc;
import io.dpuplane.agent.proto.v1.Operation;
import io.dpuplane.agent.proto.v1.StartInstallRequest;
import io.dpuplane.apis.crossplane.ProviderConfigReference;
import io.dpuplane.apis.provisioning.v1alpha1.DPU;
import io.dpuplane.apis.provisioning.v1alpha1.DPUObservation;
import io.dpuplane.apis.provisioning.v1alpha1.DPUParameters;
import io.dpuplane.apis.provisioning.v1alpha1.DPUPhase;
import io.dpuplane.apis.provisioning.v1alpha1.InstallProgress;
import io.dpuplane.apis.provisioning.v1alpha1.InstalledRevision;
import io.dpuplane.provider.flavor.BfCfgRenderer;
import io.dpuplane.runtime.Conditions;
import io.dpuplane.runtime.managed.ExternalClient;
import io.dpuplane.runtime.managed.ExternalCreation;
import io.dpuplane.runtime.managed.ExternalObservation;
import io.dpuplane.runtime.managed.ExternalUpdate;
import io.dpuplane.runtime.managed.Nudges;
import io.dpuplane.runtime.managed.Together;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One DPU's provisioning as an external resource: it exists once an install was started or done, and is up
 * to date when the installed revision (BFB content and flavor rendering) is the desired one. Observe follows
 * the phases — an install in flight through the host agent (by operation id, so a provider restart picks it
 * up), then the Node joining the DPU cluster — and records each in status; create and update start an
 * install; delete removes node effects, the Node and the join token, and leaves the card as it is.
 */
final class DpuClient implements ExternalClient<DPU> {

    private static final Duration FOLLOW = Duration.ofSeconds(2);
    // A card boots for minutes (firmware, installer, OS, cloud-init): no need to look as often as while it streams.
    private static final Duration FOLLOW_BOOT = Duration.ofSeconds(5);
    // While the DPU cluster's Node watch delivers, a joining or Ready DPU hears of its Node at once; this is the
    // look it takes anyway, in case a change was missed.
    private static final Duration FOLLOW_WATCHED = Duration.ofSeconds(30);
    private static final int DEFAULT_MAX_PARALLEL_INSTALLS = 10;

    private final KubernetesClient client;
    private final GenericKubernetesResource providerConfig;
    private final DpuSettings settings;
    private final AgentChannels agents;
    private final HostMaintenance host;
    private final InstallSlots slots;
    private final StartBacklog backlog;
    private final Together together;
    private final DpuClusterClients clusters;
    private final WatchedInputs watched;
    private final Nudges<DPU> nudges;
    private final FollowPace pace;
    private final Conditions conditions = new Conditions(Clock.systemUTC());

    DpuClient(KubernetesClient client, GenericKubernetesResource providerConfig, DpuSettings settings, AgentChannels agents,
            InstallSlots slots, StartBacklog backlog, HostMaintenance host, DpuClusterClients clusters,
            WatchedInputs watched, Nudges<DPU> nudges, Together together) {
        this.client = client;
        this.backlog = backlog;
        this.together = together;
        this.nudges = nudges;
        this.pace = new FollowPace(settings.maxReconcileRate());
        this.slots = slots;
        this.clusters = clusters;
        this.watched = watched;
        this.providerConfig = providerConfig;
        this.settings = settings;
        this.agents = agents;
        this.host = host;
    }

    @Override
    public ExternalObservation observe(DPU dpu) {
        DPUObservation at = observation(dpu);
        if (dpu.isMarkedForDeletion()) {
            return at.getPhase() == DPUPhase.DELETING ? ExternalObservation.absent() : ExternalObservation.upToDate(Map.of());
        }
        DpuInputs inputs;
        try {
            inputs = DpuInputs.resolve(watched, dpu, providerConfig, settings);
        } catch (DpuInputs.Waiting waiting) {
            if (at.getPhase() == DPUPhase.READY) {
                // A Ready DPU keeps running what it has; an input going away for a while (its BFB re-verified,
                // the agent restarting) does not make it less Ready. Look again soon.
                return new ExternalObservation(true, true, false, Map.of(), null, Duration.ofSeconds(5));
            }
            if (at.getInstalled() == null && operationId(at).isEmpty()) {
                at.setPhase(DPUPhase.PENDING);
            }
            Conditions.mark(dpu, conditions.condition(Conditions.READY, false, "Creating", waiting.getMessage()));
            return new ExternalObservation(true, true, false, Map.of(), null, Duration.ofSeconds(5));
        }
        if (operationId(at).isPresent()) {
            return installing(dpu, at, inputs);
        }
        boolean upToDate = Objects.equals(at.getInstalled(), inputs.desired());
        if (!upToDate) {
            // The slot first, then the node effect: a DPU waiting for a slot leaves its host alone, so at most
            // maxParallelInstalls hosts are drained (or tainted) at a time, not the whole fleet at once.
            InstallSlots.Denied denied = slots.claim(configKey(), dpu.getMetadata().getUid(), maxParallelInstalls(),
                    this::installsInFlight);
            if (denied != null) {
                at.setPhase(DPUPhase.PENDING);
                Conditions.mark(dpu, conditions.condition(Conditions.READY, false, "Creating", "waiting for an install "
                        + "slot: " + denied.running() + " of " + denied.max() + " installs under " + configKey()
                        + " are running (maxParallelInstalls)"));
                return new ExternalObservation(true, true, false, Map.of(), null, Duration.ofSeconds(5));
            }
            if (!host.prepare(dpu)) {
                at.setPhase(DPUPhase.NODE_EFFECT);
                return new ExternalObservation(true, true, false, Map.of(), null, Duration.ofSeconds(5));
            }
            Conditions.mark(dpu, conditions.condition(Conditions.READY, false, "Creating", at.getInstalled() == null
                    ? "provisioning" : "re-provisioning: the BFB or flavor changed"));
            return new ExternalObservation(exists(at), false, false, Map.of(), "installed " + at.getInstalled()
                    + ", want " + inputs.desired(), null);
        }
        return joining(dpu, at, inputs);
    }

    /** Starts an install (observe put the node effect in place); asking the agent again for a running one returns it. */
    @Override
    public ExternalCreation create(DPU dpu) {
        DPUParameters p = dpu.getSpec().getForProvider();
        DpuInputs inputs = DpuInputs.resolve(watched, dpu, providerConfig, settings);
        DPUObservation at = observation(dpu);
        at.setPhase(DPUPhase.NODE_EFFECT);
        String dpuNode = DpuNames.nodeName(p.hostNode(), inputs.pciAddress());
        String token;
        BfCfgRenderer.Join join;
        DpuClusterAccess cluster = clusters.access(inputs.clusterKubeconfig());
        token = cluster.createToken(dpu.getMetadata().getUid());
        join = new BfCfgRenderer.Join(dpuNode, cluster.apiServer(), cluster.caBase64(), token);
        BfCfgRenderer.Rendered bfCfg = BfCfgRenderer.render(inputs.flavorName(), inputs.flavor().getSpec().getForProvider(),
                Optional.of(join));
        if (!bfCfg.fits()) {
            throw new IllegalStateException("DPUFlavor " + inputs.flavorName() + " renders a bf.cfg over "
                    + BfCfgRenderer.MAX_BYTES + " bytes");
        }
        Operation op;
        try {
            op = agent(inputs).startInstall(StartInstallRequest.newBuilder().setPciAddress(inputs.pciAddress())
                    .setBfbUrl(inputs.bfbUrl()).setBfbSha256(inputs.bfb().getStatus().getAtProvider().getSha256())
                    .setBfCfg(ByteString.copyFrom(bfCfg.bytes())).setRequestedBy(requester(dpu)).build());
        } catch (StatusRuntimeException e) {
            io.grpc.Status.Code code = e.getStatus().getCode();
            throw code == io.grpc.Status.Code.UNAVAILABLE || code == io.grpc.Status.Code.DEADLINE_EXCEEDED
                    ? unreachable(dpu, inputs, e) : e;
        }
        InstallProgress install = new InstallProgress();
        install.setOperationId(op.getId());
        install.setStage(op.getStage());
        at.setInstall(install);
        at.setDpuNodeName(dpuNode);
        at.setPhase(DPUPhase.OS_INSTALLING);
        at.setAttempts((at.getAttempts() == null ? 0 : at.getAttempts()) + 1);
        // The stream has just begun: the first look at it is the follow's, not straight away.
        return ExternalCreation.observeAfter(look(FOLLOW, false));
    }

    @Override
    public ExternalUpdate update(DPU dpu) {
        create(dpu);
        return ExternalUpdate.none();
    }

    @Override
    public void delete(DPU dpu) {
        slots.release(configKey(), dpu.getMetadata().getUid());
        DPUObservation at = observation(dpu);
        host.release(dpu);
        try {
            DpuInputs inputs = DpuInputs.resolve(watched, dpu, providerConfig, settings);
            DpuClusterAccess cluster = clusters.access(inputs.clusterKubeconfig());
            cluster.deleteToken(dpu.getMetadata().getUid());
            if (at.getDpuNodeName() != null) {
                cluster.nodes().unfollow(at.getDpuNodeName());
                cluster.deleteNode(at.getDpuNodeName());
            }
        } catch (DpuInputs.Waiting gone) {
            // the DPU cluster is gone already: nothing left there to clean up
        }
        at.setPhase(DPUPhase.DELETING);
    }

    private ExternalObservation installing(DPU dpu, DPUObservation at, DpuInputs inputs) {
        slots.hold(configKey(), dpu.getMetadata().getUid());
        DpuClusterAccess cluster = clusters.access(inputs.clusterKubeconfig());
        follow(dpu, at, cluster);
        Operation op;
        try {
            op = agent(inputs).getOperation(GetOperationRequest.newBuilder().setId(at.getInstall().getOperationId()).build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
                // The agent lost the operation (its journal is gone: a reinstalled host, a wiped state dir). The
                // install did not finish as far as anyone knows: forget it, so the next attempt starts afresh.
                String lost = at.getInstall().getOperationId();
                slots.release(configKey(), dpu.getMetadata().getUid());
                at.getInstall().setOperationId(null);
                at.setPhase(DPUPhase.ERROR);
                at.setLastError("the host agent of " + dpu.getSpec().getForProvider().hostNode()
                        + " has no record of install " + lost + "; starting it again");
                Conditions.mark(dpu, conditions.unavailable(at.getLastError()));
                throw new IllegalStateException(at.getLastError());
            }
            throw unreachable(dpu, inputs, e);
        }
        InstallProgress install = at.getInstall();
        install.setStage(op.getStage());
        install.setBytesPushed(op.getBytesPushed());
        install.setTotalBytes(op.getTotalBytes() > 0 ? op.getTotalBytes() : null);
        install.setPercent(op.getTotalBytes() > 0 ? (op.getBytesPushed() * 100 / op.getTotalBytes()) + "%" : null);
        install.setLastConsoleLines(op.getConsoleList().subList(Math.max(0, op.getConsoleCount() - 5), op.getConsoleCount()));
        switch (op.getState()) {
            case RUNNING -> {
                boolean booting = "Booting".equals(op.getStage());
                at.setPhase(booting ? DPUPhase.REBOOTING : DPUPhase.OS_INSTALLING);
                Conditions.mark(dpu, conditions.condition(Conditions.READY, false, "Creating", op.getStage() + ": "
                        + op.getBytesPushed() + (op.getTotalBytes() > 0 ? " of " + op.getTotalBytes() : "") + " bytes"));
                // Its Node already Ready: the card is up and the agent reports it any moment (a re-provisioning's
                // old Node counts too, a few extra looks at most).
                boolean nodeUp = booting && at.getDpuNodeName() != null
                        && cluster.node(at.getDpuNodeName()).map(DpuClusterAccess::ready).orElse(false);
                // A booting card's Node tells its DPU when it is up: a look meanwhile only refreshes its console.
                Duration look = nodeUp ? FOLLOW : booting ? look(FOLLOW_BOOT, true) : look(FOLLOW, false);
                return new ExternalObservation(true, true, false, Map.of(), null, look);
            }
            case SUCCEEDED -> {
                slots.release(configKey(), dpu.getMetadata().getUid());
                at.setInstalled(inputs.desired());
                at.setDocaVersion(op.getDocaVersion());
                at.setBfbVersion(inputs.bfb().getMetadata().getName());
                at.setLastError(null);
                install.setOperationId(null);
                at.setPhase(DPUPhase.DPU_CLUSTER_CONFIG);
                return joining(dpu, at, inputs);
            }
            default -> {
                slots.release(configKey(), dpu.getMetadata().getUid());
                install.setOperationId(null);
                at.setPhase(DPUPhase.ERROR);
                at.setLastError(op.getError());
                Conditions.mark(dpu, conditions.unavailable("provisioning attempt " + at.getAttempts() + " failed: "
                        + op.getError()));
                throw new IllegalStateException("provisioning attempt " + at.getAttempts() + " failed: " + op.getError());
            }
        }
    }

    /** When to look again at an install in flight, yielding most while other DPUs wait to start. */
    private Duration look(Duration base, boolean booting) {
        return pace.every(base, slots.inFlight(), FollowPace.Yield.of(backlog.any(), booting));
    }

    private ExternalObservation joining(DPU dpu, DPUObservation at, DpuInputs inputs) {
        DPUParameters p = dpu.getSpec().getForProvider();
        Map<String, String> labels = p.clusterNodeLabels() == null ? Map.of() : p.clusterNodeLabels();
        DpuClusterAccess cluster = clusters.access(inputs.clusterKubeconfig());
        follow(dpu, at, cluster);
        Optional<Node> node = cluster.node(at.getDpuNodeName());
        boolean joined = node.map(DpuClusterAccess::ready).orElse(false);
        Duration again = cluster.nodes().delivering() ? FOLLOW_WATCHED : look(FOLLOW, false);
        if (!joined && at.getPhase() == DPUPhase.READY) {
            // Health after Ready: the DPU was up; say what is wrong with it now, and keep watching.
            Conditions.mark(dpu, conditions.unavailable(node.isEmpty()
                    ? "node " + at.getDpuNodeName() + " is gone from the DPU cluster"
                    : "node " + at.getDpuNodeName() + " is NotReady in the DPU cluster: "
                            + DpuClusterAccess.readyMessage(node.get())));
            return new ExternalObservation(true, true, false, Map.of(), null, again);
        }
        if (!joined) {
            at.setPhase(DPUPhase.DPU_CLUSTER_CONFIG);
            Conditions.mark(dpu, conditions.condition(Conditions.READY, false, "Creating", "waiting for node "
                    + at.getDpuNodeName() + " to join the DPU cluster and be Ready"));
            return new ExternalObservation(true, true, false, Map.of(), null, again);
        }
        if (at.getPhase() != DPUPhase.READY) {
            together.run(() -> cluster.label(at.getDpuNodeName(), labels),
                    () -> cluster.deleteToken(dpu.getMetadata().getUid()), () -> host.release(dpu));
        } else if (!DpuClusterAccess.carries(node.get(), labels)) {
            // Labels changed on a Ready DPU (a service rollout relabels nodes): no re-provisioning.
            cluster.label(at.getDpuNodeName(), labels);
        }
        at.setPhase(DPUPhase.READY);
        Conditions.mark(dpu, conditions.available());
        return ExternalObservation.upToDate(Map.of());
    }

    /** Has the DPU cluster's Node watch reconcile this DPU when its Node joins, changes readiness, or goes. */
    private void follow(DPU dpu, DPUObservation at, DpuClusterAccess cluster) {
        if (at.getDpuNodeName() != null) {
            String namespace = dpu.getMetadata().getNamespace();
            String name = dpu.getMetadata().getName();
            cluster.nodes().follow(at.getDpuNodeName(), () -> nudges.nudge(namespace, name));
        }
    }

    private static IllegalStateException unreachable(DPU dpu, DpuInputs inputs, StatusRuntimeException e) {
        return new IllegalStateException("cannot reach the host agent of " + dpu.getSpec().getForProvider().hostNode()
                + " at " + inputs.agentEndpoint() + ": " + e.getStatus().getCode() + " "
                + Optional.ofNullable(e.getStatus().getDescription()).orElse(""), e);
    }

    /** Which provider config's slots this DPU counts against. */
    private String configKey() {
        return providerConfig.getKind() + "/" + providerConfig.getMetadata().getName();
    }

    @SuppressWarnings("unchecked")
    private int maxParallelInstalls() {
        Map<String, Object> spec = (Map<String, Object>) providerConfig.getAdditionalProperties().getOrDefault("spec",
                Map.of());
        Object max = spec.get("maxParallelInstalls");
        return max instanceof Number n ? Math.max(1, n.intValue()) : DEFAULT_MAX_PARALLEL_INSTALLS;
    }

    /**
     * The DPUs under the same provider config whose status records an install in flight, or a node effect being
     * put in place for one (they hold a slot while their host drains).
     */
    private java.util.Set<String> installsInFlight() {
        String name = providerConfig.getMetadata().getName();
        return client.resources(DPU.class).inAnyNamespace().list().getItems().stream()
                .filter(d -> {
                    ProviderConfigReference ref = d.getSpec().getProviderConfigRef() == null
                            ? new ProviderConfigReference() : d.getSpec().getProviderConfigRef();
                    return name.equals(ref.getName()) && providerConfig.getKind().equals(ref.getKind());
                })
                .filter(d -> d.getStatus() != null && d.getStatus().getAtProvider() != null
                        && (operationId(d.getStatus().getAtProvider()).isPresent()
                                || d.getStatus().getAtProvider().getPhase() == DPUPhase.NODE_EFFECT))
                .map(d -> d.getMetadata().getUid()).collect(java.util.stream.Collectors.toSet());
    }

    private HostAgentGrpc.HostAgentBlockingStub agent(DpuInputs inputs) {
        return agents.agent(inputs.agentEndpoint(), inputs.agentServerName(), inputs.agentCredentials(),
                settings.agentDeadlineSeconds());
    }

    private static boolean exists(DPUObservation at) {
        return at.getInstalled() != null || operationId(at).isPresent();
    }

    private static Optional<String> operationId(DPUObservation at) {
        return Optional.ofNullable(at.getInstall()).map(InstallProgress::getOperationId).filter(id -> !id.isEmpty());
    }

    private static String requester(DPU dpu) {
        return dpu.getMetadata().getNamespace() + "/" + dpu.getMetadata().getName() + "/" + dpu.getMetadata().getUid();
    }

    private static DPUObservation observation(DPU dpu) {
        if (dpu.requireStatus().getAtProvider() == null) {
            dpu.getStatus().setAtProvider(new DPUObservation());
        }
        return dpu.getStatus().getAtProvider();
    }
}
