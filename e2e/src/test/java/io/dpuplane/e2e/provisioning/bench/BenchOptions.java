package io.dpuplane.e2e.provisioning.bench;

import java.time.Duration;

/**
 * The benchmark's knobs, from system properties: how many DPUs, how they spread over hosts and emulator
 * processes, the emulated hardware's time scale, how many of its creates are in flight at once, and the provider's
 * flags and heap.
 */
record BenchOptions(int dpus, int dpusPerHost, int hostsPerEmulator, double timeScale, int maxReconcileRate,
        int createsInFlight, String providerHeap, int maxParallelInstalls, int bfbKiB, boolean jfr, Duration timeout) {

    static BenchOptions fromSystemProperties() {
        int dpus = Integer.getInteger("bench.dpus", 1000);
        int perHost = Integer.getInteger("bench.dpusPerHost", 50);
        if (dpus % perHost != 0 || perHost > 250) {
            throw new IllegalArgumentException("bench.dpus (" + dpus + ") must be a multiple of bench.dpusPerHost ("
                    + perHost + "), at most 250 per host (PCI buses 03..fc)");
        }
        return new BenchOptions(dpus, perHost, Integer.getInteger("bench.hostsPerEmulator", 5),
                Double.parseDouble(System.getProperty("bench.timeScale", "1.0")),
                Integer.getInteger("bench.maxReconcileRate", 100), Integer.getInteger("bench.createsInFlight", 16),
                System.getProperty("bench.providerHeap", "512m"),
                Integer.getInteger("bench.maxParallelInstalls", dpus), Integer.getInteger("bench.bfbKiB", 1024),
                Boolean.getBoolean("bench.jfr"), Duration.ofSeconds(Long.getLong("bench.timeoutSeconds", 900)));
    }

    int hosts() {
        return dpus / dpusPerHost;
    }

    int emulators() {
        return (hosts() + hostsPerEmulator - 1) / hostsPerEmulator;
    }
}
