package io.dpuplane.provider;

import io.dpuplane.provider.bfb.BfbDownloads;
import io.dpuplane.provider.dpu.AgentChannels;
import io.dpuplane.provider.dpu.DpuSettings;
import io.dpuplane.runtime.managed.GlobalRateLimiter;
import io.dpuplane.runtime.managed.ManagedControllers;
import io.dpuplane.runtime.managed.ManagedReconciler;
import io.dpuplane.runtime.managed.ManagedReconcilerOptions;
import io.dpuplane.runtime.managed.PollSchedule;
import io.dpuplane.runtime.providerconfig.ProviderConfigControllers;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Starts the controller engine with one managed controller per kind and the provider-config usage
 * controllers, under the provider's flags; stops it gracefully on shutdown (in-flight reconciles finish).
 */
@ApplicationScoped
public class ControllerManager {

    private static final Logger LOG = Logger.getLogger(ControllerManager.class);

    private final KubernetesClient client;
    private final ProviderSettings settings;
    private final MeterRegistry registry;
    private final BfbDownloads downloads;
    private final AgentChannels agents = new AgentChannels();
    private Operator operator;
    private List<String> kinds = List.of();

    public ControllerManager(KubernetesClient client, ProviderSettings settings, MeterRegistry registry,
            BfbDownloads downloads) {
        this.client = client;
        this.settings = settings;
        this.registry = registry;
        this.downloads = downloads;
    }

    void start(@Observes StartupEvent event) {
        if (settings.debug()) {
            java.util.logging.Logger.getLogger("io.dpuplane").setLevel(java.util.logging.Level.FINE);
        }
        operator = new Operator(o -> {
            // A watch that cannot start at once (a connection the API server closed, seen in CI) retries in the
            // background and shows in the health check, instead of failing the start and crash-looping the pod.
            o.withKubernetesClient(client).withCloseClientOnStop(false).withStopOnInformerErrorDuringStartup(false)
                    .withConcurrentReconciliationThreads(Math.max(1, settings.maxReconcileRate()))
                    .withReconciliationTerminationTimeout(Duration.ofSeconds(30));
            if (settings.leaderElection()) {
                String namespace = settings.leaseNamespace()
                        .orElse(System.getenv().getOrDefault("POD_NAMESPACE", "crossplane-system"));
                o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(settings.leaseName(), namespace));
            }
        });
        ManagedReconcilerOptions options = options();
        kinds = ManagedKinds.all(client, options, downloads,
                new DpuSettings(settings.inventoryNamespace(), settings.bfbRegistryUrl(),
                        settings.agentCallTimeout().toSeconds(),
                        settings.agentCertificates().namespace().orElse(settings.inventoryNamespace()),
                        settings.maxReconcileRate()), agents).stream().map(kind -> {
            register(kind.controller(), kind.name());
            return kind.name();
        }).toList();
        ProviderConfigControllers.register(operator, client, Duration.ofSeconds(30), "");
        operator.start();
        LOG.infof("provider-dpuplane started: %d managed kinds, poll %s, max reconcile rate %d/s, leader election %s",
                kinds.size(), settings.pollInterval(), settings.maxReconcileRate(), settings.leaderElection());
    }

    void stop(@Observes ShutdownEvent event) {
        if (operator != null) {
            operator.stop();
        }
        agents.close();
    }

    /** The managed kinds with a registered controller. */
    public List<String> kinds() {
        return kinds;
    }

    /** Whether the engine runs and every watch is healthy. */
    public boolean healthy() {
        return operator != null && operator.getRuntimeInfo().isStarted()
                && operator.getRuntimeInfo().allEventSourcesAreHealthy();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void register(ManagedReconciler<?> controller, String kind) {
        ManagedControllers.register(operator, (ManagedReconciler) controller, kind);
    }

    private ManagedReconcilerOptions options() {
        return ManagedReconcilerOptions.defaults(new GlobalRateLimiter(settings.maxReconcileRate()))
                .withPoll(new PollSchedule(settings.pollInterval(), settings.minPollInterval(),
                        settings.pollJitterPercentage() / 100.0))
                .withExternalCallTimeout(settings.externalCallTimeout())
                .withMetrics(new ReconcileMetrics(registry));
    }

}
