package io.dpuplane.provider.dpu;

import java.time.Duration;

/**
 * How often the provider looks at the installs in flight: every {@code base} while few run, and never so
 * often that following them takes more than its share of the reconcile budget, so DPUs not yet started still
 * get their creates (1,000 installs followed every 5 s asked for 200 reconciles/s against a limit of 100, and
 * the last install started minutes late). A follow that need not be prompt yields more of the budget: for a
 * booting card (its Node tells its DPU when it is up; a look only refreshes its console lines), and most while
 * DPUs wait for their install to start — their starts matter more than the others' progress reports, and on a
 * busy API server every look (an agent call and a status write) delays a start. What matters does not wait for
 * the poll.
 */
record FollowPace(int maxReconcileRate) {

    /** How much a follow yields to other work. */
    enum Yield {
        /** Half the budget; a look at most every 30 s. */
        NONE(2, Duration.ofSeconds(30)),
        /** A quarter; at most every 30 s. */
        BOOTING(4, Duration.ofSeconds(30)),
        /** A sixteenth while DPUs wait to start; at most every 2 min. */
        STARTS(16, Duration.ofMinutes(2));

        private final long share;
        private final Duration longest;

        Yield(long share, Duration longest) {
            this.share = share;
            this.longest = longest;
        }

        /** The yield of a follow: DPUs waiting to start come first, whether or not this card boots. */
        static Yield of(boolean startsWaiting, boolean booting) {
            return startsWaiting ? STARTS : booting ? BOOTING : NONE;
        }
    }

    FollowPace {
        if (maxReconcileRate < 1) {
            throw new IllegalArgumentException("maxReconcileRate must be at least 1, got " + maxReconcileRate);
        }
    }

    Duration every(Duration base, int inFlight, Yield yield) {
        // Each install looked at once per pace: inFlight / pace looks a second, at most rate / share of them.
        Duration shared = Duration.ofMillis(inFlight * yield.share * 1_000L / maxReconcileRate);
        Duration pace = shared.compareTo(base) > 0 ? shared : base;
        return pace.compareTo(yield.longest) > 0 ? yield.longest : pace;
    }
}
