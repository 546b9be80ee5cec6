package io.dpuplane.agent.dpu.ovs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Follows the Interface table with {@code ovsdb-client monitor} and reports every change; when the monitor
 * exits (ovsdb-server restarted) it is started again after a pause, and the restart counts as a change.
 */
final class OvsdbMonitor implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OvsdbMonitor.class);
    private static final Duration RESTART_DELAY = Duration.ofSeconds(1);

    private final List<String> command;
    private final Map<String, String> environment;
    private final Runnable onChange;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ovsdb-monitor");
        t.setDaemon(true);
        return t;
    });
    private volatile Process process;
    private volatile boolean closed;

    OvsdbMonitor(Path dbSocket, Map<String, String> environment, Runnable onChange) {
        this.command = List.of("ovsdb-client", "monitor", "unix:" + dbSocket, "Open_vSwitch", "Interface",
                "name,ofport,error,mac_in_use,external_ids", "--format=csv");
        this.environment = environment;
        this.onChange = onChange;
        executor.execute(this::follow);
    }

    private void follow() {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            process = builder.start();
            onChange.run();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.contains(",insert,") || line.contains(",new,") || line.contains(",delete,")) {
                        onChange.run();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf("ovsdb-client monitor failed: %s", e.getMessage());
        }
        if (!closed) {
            LOG.infof("ovsdb-client monitor ended; following the Interface table again in %s", RESTART_DELAY);
            executor.schedule(this::follow, RESTART_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        closed = true;
        Process running = process;
        if (running != null) {
            running.destroy();
        }
        executor.shutdownNow();
    }
}
