package io.dpuplane.provider.dpu;

import java.time.Duration;

/**
 * How often the provider looks at the installs in flight: every {@code base} while few run, and never so
 * often that following them takes more than half the reconcile budget, so DPUs not yet started still get
 * their creates (1,000 installs followed every 5 s asked for 200 reconciles/s against a limit of 100, and the
 * last install started minutes late); a quarter while DPUs wait for their install to start, whose starts matter
 * more than the others' progress reports. What matters does not wait for the poll: a joined Node tells its DPU.
 */
record FollowPace(int maxReconcileRate) {

    private static final Duration LONGEST = Duration.ofSeconds(30);

    FollowPace {
        if (maxReconcileRate < 1) {
            throw new IllegalArgumentException("maxReconcileRate must be at least 1, got " + maxReconcileRate);
        }
    }

    Duration every(Duration base, int inFlight, int waitingToStart) {
        // Each install looked at once per pace: inFlight / pace looks a second, at most rate / share of them.
        long share = waitingToStart > 0 ? 4 : 2;
        Duration shared = Duration.ofMillis(inFlight * share * 1_000L / maxReconcileRate);
        Duration pace = shared.compareTo(base) > 0 ? shared : base;
        return pace.compareTo(LONGEST) > 0 ? LONGEST : pace;
    }
}
