package io.dpuplane.provider.pki;

import io.dpuplane.provider.ProviderSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps the provider-to-agent certificates issued for as long as the provider runs: checks them at start and
 * every {@code checkInterval}, through cert-manager or the provider's own CA as the mode says, and logs every
 * change and every problem (a missing namespace, a Certificate cert-manager cannot issue) once per change.
 */
@ApplicationScoped
public class AgentCertificates {

    private static final Logger LOG = Logger.getLogger(AgentCertificates.class);

    private final KubernetesClient client;
    private final ProviderSettings settings;
    private ScheduledExecutorService schedule;
    private String lastProblem;

    public AgentCertificates(KubernetesClient client, ProviderSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    void start(@Observes StartupEvent event) {
        AgentCertificateSettings certificates = settings.agentCertificates();
        String mode = certificates.mode().toLowerCase(Locale.ROOT);
        if (mode.equals("none")) {
            LOG.info("agent certificates: provided by the user (mode none)");
            return;
        }
        if (!List.of("auto", "provider", "cert-manager").contains(mode)) {
            throw new IllegalArgumentException("dpuplane.provider.agent-certificates.mode is " + certificates.mode()
                    + "; it must be auto, provider, cert-manager or none");
        }
        String namespace = namespace();
        schedule = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "agent-certificates"));
        schedule.scheduleWithFixedDelay(() -> check(mode, namespace), 0, certificates.checkInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }

    /** The namespace of the agent certificates' Secrets. */
    public String namespace() {
        return settings.agentCertificates().namespace().orElse(settings.inventoryNamespace());
    }

    private void check(String mode, String namespace) {
        try {
            boolean certManager = mode.equals("cert-manager") || mode.equals("auto") && CertManagerIssuance.served(client);
            List<String> outcome = certManager
                    ? new CertManagerIssuance(client, namespace, settings.agentCertificates()).reconcile()
                    : new ProviderAuthority(client, namespace, settings.agentCertificates()).reconcile(Clock.systemUTC().instant());
            if (certManager) {
                problem(outcome.isEmpty() ? null : String.join("; ", outcome));
            } else {
                outcome.forEach(change -> LOG.infof("agent certificates in %s: %s", namespace, change));
                problem(null);
            }
        } catch (KubernetesClientException e) {
            problem(e.getCode() == 404 && e.getMessage().contains("namespaces \"" + namespace + "\" not found")
                    ? "agent certificates: waiting for namespace " + namespace + " (the agents' namespace) to exist"
                    : "agent certificates in " + namespace + ": " + e.getMessage());
        } catch (IllegalStateException | IllegalArgumentException e) {
            problem("agent certificates in " + namespace + ": " + e.getMessage());
        }
    }

    private void problem(String problem) {
        if (problem != null && !problem.equals(lastProblem)) {
            LOG.warn(problem);
        }
        lastProblem = problem;
    }
}
