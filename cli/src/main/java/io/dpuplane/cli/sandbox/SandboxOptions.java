package io.dpuplane.cli.sandbox;

import java.time.Duration;

/** How big a sandbox is and how long it may take. */
record SandboxOptions(int hosts, int dpusPerHost, double timeScale, Duration timeout, boolean exitWhenReady) {

    SandboxOptions {
        if (hosts < 1 || dpusPerHost < 1) {
            throw new IllegalArgumentException("a sandbox needs at least 1 host with 1 BlueField (got " + hosts
                    + " hosts x " + dpusPerHost + ")");
        }
        if (timeScale <= 0) {
            throw new IllegalArgumentException("--time-scale must be positive (got " + timeScale + ")");
        }
    }

    int dpus() {
        return hosts * dpusPerHost;
    }
}
