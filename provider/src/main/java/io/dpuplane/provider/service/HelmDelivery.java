package io.dpuplane.provider.service;

import io.dpuplane.provider.cluster.DpuClusterTargets;
import com.marcnuri.helm.ReleaseHistory;
import io.dpuplane.apis.svc.v1alpha1.ClusterRelease;
import io.dpuplane.apis.svc.v1alpha1.DPUService;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceParameters;
import io.dpuplane.runtime.managed.ExternalClient;
import io.dpuplane.runtime.managed.ExternalCreation;
import io.dpuplane.runtime.managed.ExternalObservation;
import io.dpuplane.runtime.managed.ExternalUpdate;
import io.dpuplane.provider.cluster.DpuClusterTargets.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Helm backend: the external resource is one Helm release per target DPU cluster. Observe reads each
 * release's latest revision and its workloads, and finds what differs from the desired chart and values
 * (a release missing, failed, or changed by someone else); before anything is written the chart is
 * rendered with the values, so a version that does not exist or values the chart's schema refuses are
 * reported without touching a cluster. Create and update upgrade-or-install where needed and uninstall
 * from clusters no longer targeted; delete uninstalls everywhere.
 */
final class HelmDelivery implements ExternalClient<DPUService> {

    private final DpuClusterTargets clusters;
    private final HelmReleases helm;
    private final ChartSources charts;
    private final ServiceValues values;
    private final ServiceReport report = new ServiceReport();
    private final List<Target> toApply = new ArrayList<>();
    private final List<Target> toRemove = new ArrayList<>();
    private final List<String> withRelease = new ArrayList<>();
    private DesiredRelease desired;

    HelmDelivery(DpuClusterTargets clusters, HelmReleases helm, ChartSources charts, ServiceValues values) {
        this.clusters = clusters;
        this.helm = helm;
        this.charts = charts;
        this.values = values;
    }

    @Override
    public ExternalObservation observe(DPUService resource) {
        String ns = resource.getMetadata().getNamespace();
        DPUServiceParameters p = resource.getSpec().getForProvider();
        String release = ReleaseNames.of(resource);
        String releaseNs = ReleaseNames.namespace(resource);
        if (resource.isMarkedForDeletion()) {
            boolean left = clusters.all(ns).stream().filter(Target::reachable)
                    .anyMatch(t -> helm.latest(t.access(), release, releaseNs).isPresent());
            return left ? ExternalObservation.upToDate(Map.of()) : ExternalObservation.absent();
        }
        Map<String, ClusterRelease> previous = report.previous(resource);
        try {
            desired = new DesiredRelease(release, releaseNs, charts.resolve(ns, p), values.merged(ns, p));
        } catch (BadInput e) {
            report.refused(resource, e.getMessage());
            throw e;
        }
        boolean anyExisting = false;
        List<String> targeted = new ArrayList<>();
        for (Target target : clusters.targets(ns, p.clusters())) {
            targeted.add(target.name());
            if (!target.reachable()) {
                report.unreachable(target.name(), target.problem());
                continue;
            }
            Optional<ReleaseHistory> latest = helm.latest(target.access(), release, releaseNs);
            anyExisting |= latest.isPresent();
            if (latest.isPresent()) {
                withRelease.add(target.name());
            }
            boolean upToDate = latest.isPresent() && "deployed".equals(latest.get().getStatus())
                    && desired.description().equals(latest.get().getDescription());
            if (!upToDate) {
                toApply.add(target);
            }
            Workloads workloads = latest.isPresent() ? Workloads.ofRelease(target.access().client(), releaseNs, release)
                    : new Workloads(0, 0);
            ClusterRelease before = previous.get(target.name());
            report.observed(target.name(), p.chart(), latest, upToDate, workloads,
                    upToDate || before == null ? null : before.lastError());
        }
        for (Target other : clusters.all(ns)) {
            if (!targeted.contains(other.name()) && previous.containsKey(other.name()) && other.reachable()) {
                toRemove.add(other);
            }
        }
        if (!toApply.isEmpty()) {
            try {
                helm.render(desired);
            } catch (BadInput e) {
                toApply.forEach(t -> report.failed(t.name(), e.getMessage()));
                report.refused(resource, e.getMessage());
                throw e;
            }
        }
        boolean ready = report.record(resource, targeted.size());
        if (toApply.isEmpty() && toRemove.isEmpty()) {
            ExternalObservation current = ExternalObservation.upToDate(Map.of());
            return ready ? current : current.withRecheckAfter(ServiceReport.RECHECK_WHILE_ROLLING);
        }
        if (!anyExisting && toRemove.isEmpty()) {
            return ExternalObservation.absent();
        }
        // Asks for a look soon after the update, as the workloads roll (honoured once the runtime passes it on).
        return ExternalObservation.drifted(toApply.size() + " releases to install or upgrade, " + toRemove.size()
                + " to uninstall").withRecheckAfter(ServiceReport.RECHECK_WHILE_ROLLING);
    }

    @Override
    public ExternalCreation create(DPUService resource) {
        apply(resource);
        return ExternalCreation.none();
    }

    @Override
    public ExternalUpdate update(DPUService resource) {
        apply(resource);
        return ExternalUpdate.none();
    }

    private void apply(DPUService resource) {
        List<String> errors = new ArrayList<>();
        for (Target target : toApply) {
            try {
                report.applied(target.name(), helm.apply(target.access(), desired, withRelease.contains(target.name())));
            } catch (RuntimeException e) {
                String message = HelmErrors.readable(e);
                report.failed(target.name(), message);
                errors.add("cluster " + target.name() + ": " + message);
            }
        }
        for (Target target : toRemove) {
            try {
                helm.uninstall(target.access(), desired.name(), desired.namespace());
                report.removed(target.name());
            } catch (RuntimeException e) {
                errors.add("cluster " + target.name() + " (no longer targeted): " + HelmErrors.readable(e));
            }
        }
        report.record(resource, null);
        if (!errors.isEmpty()) {
            throw new IllegalStateException(String.join("; ", errors));
        }
    }

    @Override
    public void delete(DPUService resource) {
        Map<String, String> failures = new LinkedHashMap<>();
        for (Target target : clusters.all(resource.getMetadata().getNamespace())) {
            if (target.reachable()) {
                try {
                    helm.uninstall(target.access(), ReleaseNames.of(resource), ReleaseNames.namespace(resource));
                } catch (RuntimeException e) {
                    failures.put(target.name(), HelmErrors.readable(e));
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("uninstall failed in " + failures);
        }
    }

    @Override
    public void close() {
        if (desired != null && desired.chart().archive() != null) {
            desired.chart().archive().toFile().delete();
        }
    }
}
