package io.dpuplane.provider.dpu;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The install slots of each provider config: at most its {@code maxParallelInstalls} DPUs install a BFB at
 * once. Held in the (leader) provider process, so two reconciles never both take the last slot; seeded once
 * per config from the DPUs whose status records an install in flight, so a provider restart keeps counting
 * the installs it did not start.
 */
final class InstallSlots {

    private final Map<String, Set<String>> holders = new HashMap<>();

    /** A DPU that may not install yet, and how many installs hold the slots. */
    record Denied(int running, int max) {
    }

    /**
     * Takes a slot for the DPU (or confirms it holds one); {@code null} when it may install, else who holds
     * them. {@code inFlight} lists the DPUs with an install in flight, read only the first time a config is seen.
     */
    synchronized Denied claim(String config, String dpu, int max, Supplier<Set<String>> inFlight) {
        Set<String> held = holders.computeIfAbsent(config, c -> new HashSet<>(inFlight.get()));
        if (held.contains(dpu) || held.size() < max) {
            held.add(dpu);
            return null;
        }
        return new Denied(held.size(), max);
    }

    /** The DPU has an install in flight (seen in its status): it holds a slot whatever the cap. */
    synchronized void hold(String config, String dpu) {
        holders.computeIfAbsent(config, c -> new HashSet<>()).add(dpu);
    }

    /** How many installs are in flight under every provider config together. */
    synchronized int inFlight() {
        return holders.values().stream().mapToInt(Set::size).sum();
    }

    /** The DPU's install ended (done, failed or lost), or the DPU is gone: its slot is free. */
    synchronized void release(String config, String dpu) {
        Set<String> held = holders.get(config);
        if (held != null) {
            held.remove(dpu);
        }
    }
}
