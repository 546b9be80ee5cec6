package io.dpuplane.provider.service;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The pods of a release's workloads in one cluster (DaemonSets, Deployments, StatefulSets of a Helm
 * release or an ArgoCD Application): how many should run and how many run the current template and are ready.
 * A workload whose controller has not yet seen its latest generation counts none ready.
 */
record Workloads(int ready, int desired) {

    static final String RELEASE_ANNOTATION = "meta.helm.sh/release-name";
    static final String APPLICATION_LABEL = "app.kubernetes.io/instance";

    boolean allReady() {
        return ready >= desired;
    }

    /** The workloads of a Helm release (Helm's release annotation). */
    static Workloads ofRelease(KubernetesClient cluster, String namespace, String release) {
        return of(cluster, namespace, w -> annotated(w, RELEASE_ANNOTATION, release));
    }

    /** The workloads an ArgoCD Application synced (ArgoCD's default tracking label). */
    static Workloads ofApplication(KubernetesClient cluster, String namespace, String application) {
        return of(cluster, namespace, w -> w.getMetadata().getLabels() != null
                && application.equals(w.getMetadata().getLabels().get(APPLICATION_LABEL)));
    }

    private static Workloads of(KubernetesClient cluster, String namespace, Predicate<HasMetadata> ofRelease) {
        int ready = 0;
        int desired = 0;
        for (DaemonSet ds : cluster.apps().daemonSets().inNamespace(namespace).list().getItems()) {
            if (ofRelease.test(ds)) {
                var s = ds.getStatus();
                int want = s == null || s.getDesiredNumberScheduled() == null ? 0 : s.getDesiredNumberScheduled();
                desired += current(ds, s == null ? null : s.getObservedGeneration()) ? want : Math.max(want, 1);
                ready += current(ds, s == null ? null : s.getObservedGeneration())
                        ? Math.min(n(s.getNumberReady()), n(s.getUpdatedNumberScheduled())) : 0;
            }
        }
        for (Deployment d : cluster.apps().deployments().inNamespace(namespace).list().getItems()) {
            if (ofRelease.test(d)) {
                var s = d.getStatus();
                desired += d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
                ready += current(d, s == null ? null : s.getObservedGeneration())
                        ? Math.min(n(s.getReadyReplicas()), n(s.getUpdatedReplicas())) : 0;
            }
        }
        for (StatefulSet st : cluster.apps().statefulSets().inNamespace(namespace).list().getItems()) {
            if (ofRelease.test(st)) {
                var s = st.getStatus();
                desired += st.getSpec().getReplicas() == null ? 1 : st.getSpec().getReplicas();
                ready += current(st, s == null ? null : s.getObservedGeneration())
                        ? Math.min(n(s.getReadyReplicas()), n(s.getUpdatedReplicas())) : 0;
            }
        }
        return new Workloads(ready, desired);
    }

    private static boolean annotated(HasMetadata workload, String key, String value) {
        return workload.getMetadata().getAnnotations() != null
                && Objects.equals(value, workload.getMetadata().getAnnotations().get(key));
    }

    private static boolean current(HasMetadata workload, Long observedGeneration) {
        return observedGeneration != null && observedGeneration >= workload.getMetadata().getGeneration();
    }

    private static int n(Integer value) {
        return value == null ? 0 : value;
    }
}
