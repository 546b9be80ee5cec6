package io.dpuplane.provider.service;

import io.dpuplane.provider.cluster.DpuClusterTargets;
import io.dpuplane.apis.svc.v1alpha1.DPUService;
import io.dpuplane.apis.svc.v1alpha1.DeliveryBackend;
import io.dpuplane.runtime.managed.ExternalConnector;
import io.dpuplane.runtime.managed.ManagedReconciler;
import io.dpuplane.runtime.managed.ManagedReconcilerOptions;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The DPUService controller: a chart released into every target DPU cluster by the provider itself with
 * the Helm SDK (backend Helm), or through an ArgoCD Application per cluster (backend ArgoCD).
 */
public final class DpuServiceController extends ManagedReconciler<DPUService> {

    /** Where ArgoCD runs in the host cluster unless the provider is told otherwise. */
    public static final String DEFAULT_ARGOCD_NAMESPACE = "argocd";

    public DpuServiceController(KubernetesClient client, ManagedReconcilerOptions options) {
        this(client, options, DEFAULT_ARGOCD_NAMESPACE);
    }

    public DpuServiceController(KubernetesClient client, ManagedReconcilerOptions options, String argoNamespace) {
        super(client, "DPUService", connector(client, argoNamespace), options);
    }

    private static ExternalConnector<DPUService> connector(KubernetesClient client, String argoNamespace) {
        DpuClusterTargets clusters = new DpuClusterTargets(client);
        ChartRepositories repositories = new ChartRepositories();
        HelmReleases helm = new HelmReleases(repositories);
        ChartSources charts = new ChartSources(client, repositories);
        ServiceValues values = new ServiceValues(client);
        return (resource, providerConfig) -> {
            DeliveryBackend backend = resource.getSpec().getForProvider().backend();
            if (backend == DeliveryBackend.ARGO_CD) {
                return new ArgoCdDelivery(client, argoNamespace, clusters, charts, values);
            }
            return new HelmDelivery(clusters, helm, charts, values);
        };
    }
}
