package io.dpuplane.provider.dpu;

import io.dpuplane.apis.provisioning.v1alpha1.DPU;
import io.dpuplane.runtime.managed.ManagedReconciler;
import io.dpuplane.runtime.managed.ManagedReconcilerOptions;
import io.dpuplane.runtime.managed.Nudges;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;

/**
 * The DPU controller: provisions one BlueField through its host agent until it is a Ready node. Besides its
 * DPUs' own changes and polls, a DPU is reconciled when its Node joins the DPU cluster or changes readiness.
 */
public final class DpuController extends ManagedReconciler<DPU> {

    private final Nudges<DPU> nodeChanges;
    private final StartBacklog backlog;

    public DpuController(KubernetesClient client, ManagedReconcilerOptions options, DpuSettings settings,
            AgentChannels agents) {
        this(client, options, settings, agents, new Nudges<>("dpu-cluster-nodes"), new StartBacklog());
    }

    private DpuController(KubernetesClient client, ManagedReconcilerOptions options, DpuSettings settings,
            AgentChannels agents, Nudges<DPU> nodeChanges, StartBacklog backlog) {
        super(client, "DPU", new DpuConnector(client, settings, agents, nodeChanges, backlog),
                options.withDeterministicExternalName(true));
        this.nodeChanges = nodeChanges;
        this.backlog = backlog;
    }

    @Override
    public List<EventSource<?, DPU>> prepareEventSources(EventSourceContext<DPU> context) {
        backlog.countIn(context.getPrimaryCache());
        return List.of(nodeChanges);
    }
}
