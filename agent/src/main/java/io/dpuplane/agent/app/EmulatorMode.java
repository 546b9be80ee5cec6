package io.dpuplane.agent.app;

import io.dpuplane.agent.emulator.EmulatedHost;
import io.dpuplane.agent.emulator.KubeletCredentials;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Emulated hosts full of BlueFields, each under its own directory ({@code <root>/host-N/dev} and
 * {@code .../sys}), for host agents pointed there. Runs when {@code dpuplane.agent.mode=emulator}.
 */
@ApplicationScoped
public class EmulatorMode {

    private static final Logger LOG = Logger.getLogger(EmulatorMode.class);

    private final AgentSettings settings;
    private final List<EmulatedHost> hosts = new ArrayList<>();
    private KubeletCredentials kubelets;

    public EmulatorMode(AgentSettings settings) {
        this.settings = settings;
    }

    void start(@Observes StartupEvent event) {
        if (!"emulator".equals(settings.mode())) {
            return;
        }
        kubelets = settings.emulatorKubeletKubeconfig().map(KubeletCredentials::kubeconfig)
                .orElse(KubeletCredentials.bootstrapTokenOnly());
        for (int i = 0; i < settings.emulatedHosts(); i++) {
            String name = "host-" + i;
            hosts.add(EmulatedHost.start(name, settings.emulatorRoot().resolve(name), settings.emulatedDpusPerHost(),
                    settings.emulatorTimeScale(), kubelets));
        }
        LOG.infof("emulating %d hosts x %d BlueFields under %s (time scale %s)", settings.emulatedHosts(),
                settings.emulatedDpusPerHost(), settings.emulatorRoot(), settings.emulatorTimeScale());
    }

    public List<EmulatedHost> hosts() {
        return List.copyOf(hosts);
    }

    void stop(@Observes ShutdownEvent event) {
        hosts.forEach(EmulatedHost::close);
        if (kubelets != null) {
            kubelets.close();
        }
    }
}
