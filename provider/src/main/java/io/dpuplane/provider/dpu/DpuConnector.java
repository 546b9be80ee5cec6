package io.dpuplane.provider.dpu;

import io.dpuplane.apis.provisioning.v1alpha1.DPU;
import io.dpuplane.runtime.managed.ExternalClient;
import io.dpuplane.runtime.managed.ExternalConnector;
import io.dpuplane.runtime.managed.Nudges;
import io.dpuplane.runtime.managed.Together;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/** Connects a DPU to what provisions it: its host agent, the DPU cluster, and the host Node. */
public final class DpuConnector implements ExternalConnector<DPU> {

    private final KubernetesClient client;
    private final DpuSettings settings;
    private final AgentChannels agents;
    private final InstallSlots slots = new InstallSlots();
    private final HostMaintenance host;
    private final DpuClusterClients clusters = new DpuClusterClients();
    private final WatchedInputs watched;
    private final Nudges<DPU> nudges;
    private final StartBacklog backlog;
    private final Together together = new Together("dpu-requests");

    DpuConnector(KubernetesClient client, DpuSettings settings, AgentChannels agents, Nudges<DPU> nudges,
            StartBacklog backlog) {
        this.client = client;
        this.backlog = backlog;
        this.nudges = nudges;
        this.settings = settings;
        this.agents = agents;
        this.host = new HostMaintenance(client, Clock.systemUTC());
        this.watched = new WatchedInputs(client);
    }

    @Override
    public ExternalClient<DPU> connect(DPU resource, GenericKubernetesResource providerConfig) {
        return new DpuClient(client, providerConfig, settings, agents, slots, backlog, host, clusters, watched, nudges,
                together);
    }
}
