package io.dpuplane.provider.dpu;

import io.dpuplane.apis.crossplane.Reference;
import io.dpuplane.apis.provisioning.v1alpha1.DPU;
import io.dpuplane.apis.provisioning.v1alpha1.DPUObservation;
import io.dpuplane.apis.provisioning.v1alpha1.DPUParameters;
import io.dpuplane.apis.provisioning.v1alpha1.InstalledRevision;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How many DPUs wait for an install to start (none in flight, not being deleted): their first, or one their spec asks
 * for by naming another BFB or flavor than the one installed (a fleet's upgrade wave), counted in the controller's
 * cache at most once a second. While some wait, following the installs in flight yields them the reconcile budget: in
 * a wave of a thousand DPUs, up to half of it otherwise went to progress reports of the installs already streaming
 * while the others waited for their start.
 */
final class StartBacklog {

    private static final long RECOUNT_NANOS = 1_000_000_000L;

    private final LongSupplier nanoTime;
    private volatile Cache<DPU> dpus;
    private long countedAt;
    private int waiting;
    private boolean counted;

    StartBacklog() {
        this(System::nanoTime);
    }

    StartBacklog(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Counts in {@code cache} from now on (the controller's, once its event sources are prepared). */
    void countIn(Cache<DPU> cache) {
        this.dpus = cache;
    }

    /** The DPUs waiting to start, as of the last count (none before there is a cache to count in). */
    synchronized int waiting() {
        Cache<DPU> cache = dpus;
        if (cache == null) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        if (!counted || now - countedAt >= RECOUNT_NANOS) {
            waiting = (int) cache.list(StartBacklog::waitsToStart).count();
            countedAt = now;
            counted = true;
        }
        return waiting;
    }

    /** Whether any DPU waits to start. */
    boolean any() {
        return waiting() > 0;
    }

    static boolean waitsToStart(DPU dpu) {
        if (dpu.isMarkedForDeletion()) {
            return false;
        }
        DPUObservation at = dpu.getStatus() == null ? null : dpu.getStatus().getAtProvider();
        if (at == null) {
            return true;
        }
        String operation = at.getInstall() == null ? null : at.getInstall().getOperationId();
        if (operation != null && !operation.isEmpty()) {
            return false;
        }
        InstalledRevision installed = at.getInstalled();
        return installed == null || asksForAnother(dpu, installed);
    }

    /**
     * Whether the spec names another BFB or flavor than the DPU runs: new content is a new object (a flavor is
     * immutable, a BFB is one per release by convention), so the names tell an upgrade without resolving either. A BFB
     * edited in place re-provisions its DPUs all the same, only without this yield.
     */
    private static boolean asksForAnother(DPU dpu, InstalledRevision installed) {
        DPUParameters wanted = dpu.getSpec() == null ? null : dpu.getSpec().getForProvider();
        return wanted != null && (!Objects.equals(name(wanted.bfbRef()), installed.bfb())
                || !Objects.equals(name(wanted.flavorRef()), installed.flavor()));
    }

    private static String name(Reference ref) {
        return ref == null ? null : ref.name();
    }
}
