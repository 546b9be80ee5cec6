package io.dpuplane.agent.dpu.sync;

import java.time.Duration;

/**
 * What one pass did: how many OVSDB changes and flow mods it made, how many statuses it queued for writing,
 * and how many chains are programmed; a pass that finds everything in place reports zeros for the first three.
 */
public record PassReport(int ovsdbChanges, int flowMods, int statusesQueued, int chains, int chainsProgrammed,
        int flowsInstalled, Duration took) {

    public boolean changedOvs() {
        return ovsdbChanges > 0 || flowMods > 0;
    }
}
