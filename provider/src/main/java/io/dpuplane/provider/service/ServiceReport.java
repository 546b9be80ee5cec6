package io.dpuplane.provider.service;

import com.marcnuri.helm.ReleaseHistory;
import io.dpuplane.apis.svc.v1alpha1.ClusterRelease;
import io.dpuplane.apis.svc.v1alpha1.DPUService;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceObservation;
import io.dpuplane.runtime.Conditions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A DPUService's status across its target clusters: per cluster the release (revision or Application
 * sync/health), workloads ready / desired and the last error; {@code Ready} when every targeted cluster
 * has the desired release and all its workloads ready, otherwise {@code Unavailable} saying which
 * clusters are not and why.
 */
final class ServiceReport {

    /** How soon to look again while workloads are rolling out, rather than at the poll interval. */
    static final Duration RECHECK_WHILE_ROLLING = Duration.ofSeconds(2);

    private final Conditions conditions = new Conditions(Clock.systemUTC());
    private final Map<String, Entry> clusters = new LinkedHashMap<>();

    /**
     * One cluster: what it reports, whether it has the desired release (or a synced, healthy Application)
     * and, when not, why.
     */
    private record Entry(ClusterRelease release, boolean current, String waiting) {

        boolean ready() {
            return current && release.lastError() == null && release.workloadsReady() != null
                    && release.workloadsDesired() != null && release.workloadsReady() >= release.workloadsDesired();
        }

        String why() {
            if (release.lastError() != null) {
                return release.lastError();
            }
            if (!current) {
                return waiting;
            }
            return release.workloadsReady() + "/" + release.workloadsDesired() + " pods ready";
        }
    }

    /** What the last reconcile reported per cluster. */
    Map<String, ClusterRelease> previous(DPUService resource) {
        Map<String, ClusterRelease> out = new LinkedHashMap<>();
        DPUServiceObservation at = resource.getStatus() == null ? null : resource.getStatus().getAtProvider();
        if (at != null && at.getClusters() != null) {
            at.getClusters().forEach(c -> out.put(c.cluster(), c));
        }
        return out;
    }

    void unreachable(String cluster, String problem) {
        clusters.put(cluster, new Entry(new ClusterRelease(cluster, null, null, null, null, null, null, problem), false,
                problem));
    }

    /** A Helm release as observed. */
    void observed(String cluster, String chart, Optional<ReleaseHistory> latest, boolean current, Workloads workloads,
            String lastError) {
        String version = latest.map(r -> r.getChart().startsWith(chart + "-")
                ? r.getChart().substring(chart.length() + 1) : r.getChart()).orElse(null);
        clusters.put(cluster, new Entry(new ClusterRelease(cluster, version, latest.map(ReleaseHistory::getRevision)
                .orElse(null), null, null, workloads.ready(), workloads.desired(), lastError), current,
                latest.isEmpty() ? "not yet released" : "release not yet up to date"));
    }

    /** An ArgoCD Application as observed: ready when its spec is ours and it is Synced and Healthy. */
    void observedApplication(String cluster, String application, String chartVersion, String sync, String health,
            Workloads workloads, boolean specCurrent) {
        boolean ready = specCurrent && "Synced".equals(sync) && "Healthy".equals(health);
        String waiting = !specCurrent ? "Application " + application + " not yet written"
                : sync == null && health == null ? "Application " + application + " is not yet deployed"
                : "Application " + application + " is not ready (Sync: " + sync + ", Health: " + health + ")";
        clusters.put(cluster, new Entry(new ClusterRelease(cluster, chartVersion, null, sync, health,
                workloads.ready(), workloads.desired(), null), ready, waiting));
    }

    void applied(String cluster, int revision) {
        Entry e = clusters.get(cluster);
        ClusterRelease r = e.release();
        clusters.put(cluster, new Entry(new ClusterRelease(cluster, r.chartVersion(), revision, r.syncStatus(),
                r.healthStatus(), r.workloadsReady(), r.workloadsDesired(), null), true, e.waiting()));
    }

    void failed(String cluster, String message) {
        Entry e = clusters.get(cluster);
        ClusterRelease r = e.release();
        clusters.put(cluster, new Entry(new ClusterRelease(cluster, r.chartVersion(), r.revision(), r.syncStatus(),
                r.healthStatus(), r.workloadsReady(), r.workloadsDesired(), message), e.current(), e.waiting()));
    }

    void removed(String cluster) {
        clusters.remove(cluster);
    }

    /** The service cannot be released at all: Ready=False with why, the clusters as they were. */
    void refused(DPUService resource, String message) {
        if (!clusters.isEmpty()) {
            write(resource);
        }
        Conditions.mark(resource, conditions.unavailable(message));
    }

    /**
     * Writes the clusters into status.atProvider and, when {@code targets} is given (observe), sets Ready;
     * returns whether every targeted cluster is ready.
     */
    boolean record(DPUService resource, Integer targets) {
        write(resource);
        long ready = clusters.values().stream().filter(Entry::ready).count();
        boolean allReady = !clusters.isEmpty() && ready == clusters.size();
        if (targets == null) {
            return allReady;
        }
        if (targets == 0) {
            Conditions.mark(resource, conditions.unavailable("no DPU cluster is targeted: no DPUCluster in namespace "
                    + resource.getMetadata().getNamespace() + " matches spec.forProvider.clusters"));
            return false;
        }
        if (allReady) {
            Conditions.mark(resource, conditions.available());
            return true;
        }
        List<String> reasons = new ArrayList<>();
        reasons.add(ready + " of " + clusters.size() + " DPU clusters ready");
        clusters.values().stream().filter(e -> !e.ready()).limit(5)
                .forEach(e -> reasons.add("cluster " + e.release().cluster() + ": " + e.why()));
        Conditions.mark(resource, conditions.unavailable(String.join("; ", reasons)));
        return false;
    }

    private void write(DPUService resource) {
        DPUServiceObservation at = new DPUServiceObservation();
        at.setClusters(clusters.values().stream().map(Entry::release).toList());
        at.setReadyClusters(clusters.values().stream().filter(Entry::ready).count() + "/" + clusters.size());
        resource.requireStatus().setAtProvider(at);
    }
}
