package io.dpuplane.provider.service;

import io.dpuplane.provider.cluster.DpuClusterTargets;
import io.dpuplane.apis.svc.v1alpha1.DPUService;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceParameters;
import io.dpuplane.provider.cluster.DpuClusterTargets.Target;
import io.dpuplane.runtime.managed.ExternalClient;
import io.dpuplane.runtime.managed.ExternalCreation;
import io.dpuplane.runtime.managed.ExternalObservation;
import io.dpuplane.runtime.managed.ExternalUpdate;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ArgoCD backend: the external resource is an Application per target DPU cluster (with the cluster's
 * ArgoCD Secret and the service's AppProject) in the host cluster's ArgoCD namespace. ArgoCD does the
 * releasing; observe reads each Application's sync and health back (Ready when all are Synced and
 * Healthy) and finds objects missing or changed; create and update write them (server-side apply, so
 * ArgoCD's status stays ArgoCD's), and remove Applications of clusters no longer targeted; delete removes
 * the Applications (ArgoCD's cascade finalizer takes the workloads with them) and the project.
 */
final class ArgoCdDelivery implements ExternalClient<DPUService> {

    static final ResourceDefinitionContext APPLICATIONS = context("Application", "applications");
    static final ResourceDefinitionContext PROJECTS = context("AppProject", "appprojects");
    private static final String FIELD_MANAGER = "provider-dpuplane";

    private final KubernetesClient host;
    private final String argoNamespace;
    private final DpuClusterTargets clusters;
    private final ChartSources charts;
    private final ServiceValues values;
    private final ServiceReport report = new ServiceReport();
    private final List<HasMetadata> toApply = new ArrayList<>();
    private final List<GenericKubernetesResource> toRemove = new ArrayList<>();

    ArgoCdDelivery(KubernetesClient host, String argoNamespace, DpuClusterTargets clusters, ChartSources charts,
            ServiceValues values) {
        this.host = host;
        this.argoNamespace = argoNamespace;
        this.clusters = clusters;
        this.charts = charts;
        this.values = values;
    }

    private static ResourceDefinitionContext context(String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup("argoproj.io").withVersion("v1alpha1")
                .withKind(kind).withPlural(plural).withNamespaced(true).build();
    }

    @Override
    public ExternalObservation observe(DPUService resource) {
        if (resource.isMarkedForDeletion()) {
            return applications(resource).isEmpty() ? ExternalObservation.absent() : ExternalObservation.upToDate(Map.of());
        }
        String ns = resource.getMetadata().getNamespace();
        DPUServiceParameters p = resource.getSpec().getForProvider();
        DesiredRelease release;
        try {
            if (host.namespaces().withName(argoNamespace).get() == null) {
                throw new BadInput("the ArgoCD namespace " + argoNamespace + " does not exist: install ArgoCD there, "
                        + "or use the Helm backend");
            }
            release = new DesiredRelease(ReleaseNames.of(resource), ReleaseNames.namespace(resource),
                    charts.resolve(ns, p), values.merged(ns, p));
        } catch (BadInput e) {
            report.refused(resource, e.getMessage());
            throw e;
        }
        List<GenericKubernetesResource> existing = applications(resource);
        List<String> targeted = new ArrayList<>();
        List<String> secretNames = new ArrayList<>();
        for (Target target : clusters.targets(ns, p.clusters())) {
            targeted.add(target.name());
            if (!target.reachable()) {
                report.unreachable(target.name(), target.problem());
                continue;
            }
            Secret secret = ArgoCdObjects.clusterSecret(argoNamespace, ns, target.name(), target.access().kubeconfig());
            secretNames.add(secret.getMetadata().getName());
            Secret currentSecret = host.secrets().inNamespace(argoNamespace).withName(secret.getMetadata().getName()).get();
            if (currentSecret == null || !Objects.equals(decoded(currentSecret), secret.getStringData())) {
                toApply.add(secret);
            }
            GenericKubernetesResource app = ArgoCdObjects.application(argoNamespace, resource, target.name(), release);
            GenericKubernetesResource current = existing.stream()
                    .filter(a -> a.getMetadata().getName().equals(app.getMetadata().getName())).findFirst().orElse(null);
            boolean specCurrent = current != null && contains(current.getAdditionalProperties().get("spec"),
                    app.getAdditionalProperties().get("spec"));
            if (!specCurrent) {
                toApply.add(app);
            }
            report.observedApplication(target.name(), app.getMetadata().getName(), p.version(),
                    field(current, "sync"), field(current, "health"),
                    Workloads.ofApplication(target.access().client(), release.namespace(), app.getMetadata().getName()),
                    specCurrent);
        }
        GenericKubernetesResource project = ArgoCdObjects.project(argoNamespace, resource, secretNames);
        GenericKubernetesResource currentProject = host.genericKubernetesResources(PROJECTS).inNamespace(argoNamespace)
                .withName(project.getMetadata().getName()).get();
        if (currentProject == null || !contains(currentProject.getAdditionalProperties().get("spec"),
                project.getAdditionalProperties().get("spec"))) {
            toApply.add(0, project);
        }
        existing.stream().filter(a -> !targeted.contains(a.getMetadata().getLabels().get(ArgoCdObjects.CLUSTER_LABEL)))
                .forEach(toRemove::add);
        boolean ready = report.record(resource, targeted.size());
        if (toApply.isEmpty() && toRemove.isEmpty()) {
            ExternalObservation current = ExternalObservation.upToDate(Map.of());
            return ready ? current : current.withRecheckAfter(ServiceReport.RECHECK_WHILE_ROLLING);
        }
        return existing.isEmpty() ? ExternalObservation.absent()
                : ExternalObservation.drifted(toApply.size() + " ArgoCD objects to write, " + toRemove.size()
                        + " Applications to remove").withRecheckAfter(ServiceReport.RECHECK_WHILE_ROLLING);
    }

    private List<GenericKubernetesResource> applications(DPUService resource) {
        return host.genericKubernetesResources(APPLICATIONS).inNamespace(argoNamespace)
                .withLabels(ArgoCdObjects.serviceLabels(resource)).list().getItems();
    }

    /** status.sync.status or status.health.status of an Application, as ArgoCD last wrote it. */
    @SuppressWarnings("unchecked")
    private static String field(GenericKubernetesResource app, String part) {
        if (app == null || !(app.getAdditionalProperties().get("status") instanceof Map<?, ?> status)) {
            return null;
        }
        Object section = ((Map<String, Object>) status).get(part);
        return section instanceof Map<?, ?> map && map.get("status") != null ? map.get("status").toString() : null;
    }

    /** Whether {@code actual} has every field of {@code wanted} with the same value (others may add fields). */
    @SuppressWarnings("unchecked")
    static boolean contains(Object actual, Object wanted) {
        if (wanted instanceof Map<?, ?> w) {
            if (!(actual instanceof Map<?, ?> a)) {
                return false;
            }
            return ((Map<String, Object>) w).entrySet().stream()
                    .allMatch(e -> contains(((Map<String, Object>) a).get(e.getKey()), e.getValue()));
        }
        if (wanted instanceof List<?> w) {
            if (!(actual instanceof List<?> a) || a.size() != w.size()) {
                return false;
            }
            for (int i = 0; i < w.size(); i++) {
                if (!contains(a.get(i), w.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return wanted == null ? actual == null : actual != null && wanted.toString().equals(actual.toString());
    }

    private static Map<String, String> decoded(Secret secret) {
        Map<String, String> out = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v),
                    StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Override
    public ExternalCreation create(DPUService resource) {
        apply();
        return ExternalCreation.none();
    }

    @Override
    public ExternalUpdate update(DPUService resource) {
        apply();
        return ExternalUpdate.none();
    }

    private void apply() {
        for (HasMetadata object : toApply) {
            if (object instanceof GenericKubernetesResource generic) {
                ResourceDefinitionContext type = "Application".equals(generic.getKind()) ? APPLICATIONS : PROJECTS;
                host.genericKubernetesResources(type).inNamespace(argoNamespace).resource(generic)
                        .fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            } else {
                host.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            }
        }
        for (GenericKubernetesResource app : toRemove) {
            host.genericKubernetesResources(APPLICATIONS).inNamespace(argoNamespace)
                    .withName(app.getMetadata().getName()).delete();
        }
    }

    @Override
    public void delete(DPUService resource) {
        host.genericKubernetesResources(APPLICATIONS).inNamespace(argoNamespace)
                .withLabels(ArgoCdObjects.serviceLabels(resource)).delete();
        host.genericKubernetesResources(PROJECTS).inNamespace(argoNamespace)
                .withName(ArgoCdObjects.projectName(resource)).delete();
    }
}
