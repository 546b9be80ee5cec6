package io.dpuplane.provider.dpu;

import java.time.Duration;

/**
 * How often the provider looks at the installs in flight: every {@code base} while few run, and never so
 * often that following them takes more than half the reconcile budget, so DPUs not yet started still get
 * their creates (1,000 installs followed every 5 s asked for 200 reconciles/s against a limit of 100, and the
 * last install started minutes late); a quarter when the follow should yield: while DPUs wait for their install
 * to start (their starts matter more than the others' progress reports), or for a booting card (its Node tells
 * its DPU when it is up; a look only refreshes its console lines). What matters does not wait for the poll.
 */
record FollowPace(int maxReconcileRate) {

    private static final Duration LONGEST = Duration.ofSeconds(30);

    FollowPace {
        if (maxReconcileRate < 1) {
            throw new IllegalArgumentException("maxReconcileRate must be at least 1, got " + maxReconcileRate);
        }
    }

    Duration every(Duration base, int inFlight, boolean yielding) {
        // Each install looked at once per pace: inFlight / pace looks a second, at most rate / share of them.
        long share = yielding ? 4 : 2;
        Duration shared = Duration.ofMillis(inFlight * share * 1_000L / maxReconcileRate);
        Duration pace = shared.compareTo(base) > 0 ? shared : base;
        return pace.compareTo(LONGEST) > 0 ? LONGEST : pace;
    }
}
