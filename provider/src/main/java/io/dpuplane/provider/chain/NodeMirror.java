package io.dpuplane.provider.chain;

import io.dpuplane.provider.cluster.DpuClusterTargets;
import com.fasterxml.jackson.databind.JsonNode;
import io.dpuplane.apis.crossplane.Condition;
import io.dpuplane.apis.crossplane.ManagedResource;
import io.dpuplane.apis.sfc.v1alpha1.ProgrammingStatus;
import io.dpuplane.apis.sfc.v1alpha1.Sfc;
import io.dpuplane.apis.svc.v1alpha1.ClusterTargets;
import io.dpuplane.apis.svc.v1alpha1.NodeFailure;
import io.dpuplane.runtime.Conditions;
import io.dpuplane.runtime.managed.ExternalClient;
import io.dpuplane.runtime.managed.ExternalCreation;
import io.dpuplane.runtime.managed.ExternalObservation;
import io.dpuplane.runtime.managed.ExternalUpdate;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A managed resource whose external resource is one object per selected DPU node, in every DPU cluster it
 * targets (DPF's ServiceChainSet, without the intermediate set). Observe works out, cluster by cluster,
 * which objects are missing, different or left over (nodes no longer selected, clusters no longer targeted)
 * and rolls the agents' {@code Programmed} conditions up into the resource's status; create and update make
 * the objects so (server-side apply, then deletes); delete removes them everywhere. Each kind supplies the
 * object for a node and its own status.
 */
abstract class NodeMirror<M extends ManagedResource<?, ?>, S extends ProgrammingStatus, T extends CustomResource<?, S>>
        implements ExternalClient<M> {

    private static final String FIELD_MANAGER = "provider-dpuplane";

    protected final KubernetesClient host;
    private final DpuClusterTargets clusters;
    private final Class<T> type;
    private final String ownerKind;
    private final Conditions conditions = new Conditions(Clock.systemUTC());
    private final List<ClusterPlan<T>> plans = new ArrayList<>();

    /** What one DPU cluster needs: the objects to apply and to delete. */
    private record ClusterPlan<T>(String cluster, KubernetesClient client, List<T> apply, List<T> delete) {
    }

    NodeMirror(KubernetesClient host, DpuClusterTargets clusters, Class<T> type, String ownerKind) {
        this.host = host;
        this.clusters = clusters;
        this.type = type;
        this.ownerKind = ownerKind;
    }

    /**
     * Checks the resource and returns how to build its object for a node (spec only; the mirror names and
     * labels it); throws {@link BadInput} saying what is wrong.
     */
    protected abstract NodeObjects<T> prepare(M resource);

    protected abstract ClusterTargets targets(M resource);

    protected abstract Map<String, String> nodeSelector(M resource);

    /** Records the rollup in the resource's status.atProvider; returns why it is not ready, or null. */
    protected abstract String report(M resource, Rollup<T> rollup);

    /** Builds one node's object. */
    @FunctionalInterface
    interface NodeObjects<T> {
        T forNode(String node);
    }

    @Override
    public ExternalObservation observe(M resource) {
        String ns = resource.getMetadata().getNamespace();
        Map<String, String> owner = PerNode.ownerLabels(ownerKind, ns, resource.getMetadata().getName());
        if (resource.isMarkedForDeletion()) {
            boolean left = clusters.all(ns).stream().filter(DpuClusterTargets.Target::reachable)
                    .anyMatch(t -> !existing(t.client(), ns, owner).isEmpty());
            return left ? ExternalObservation.upToDate(Map.of()) : ExternalObservation.absent();
        }
        NodeObjects<T> objects;
        try {
            objects = prepare(resource);
        } catch (BadInput e) {
            Conditions.mark(resource, conditions.unavailable(e.getMessage()));
            throw e;
        }
        plans.clear();
        Rollup<T> rollup = new Rollup<>();
        boolean anyExisting = false;
        boolean anyDesired = false;
        List<String> targeted = new ArrayList<>();
        for (DpuClusterTargets.Target target : clusters.targets(ns, targets(resource))) {
            targeted.add(target.name());
            if (!target.reachable()) {
                rollup.clusterProblems.add(target.problem());
                continue;
            }
            List<T> existing = existing(target.client(), ns, owner);
            List<Node> nodes = nodes(target.client(), nodeSelector(resource));
            anyExisting |= !existing.isEmpty();
            anyDesired |= !nodes.isEmpty();
            plans.add(plan(target, ns, resource.getMetadata().getName(), owner, objects, nodes, existing, rollup));
        }
        for (DpuClusterTargets.Target other : clusters.all(ns)) {
            if (!targeted.contains(other.name()) && other.reachable()) {
                List<T> left = existing(other.client(), ns, owner);
                if (!left.isEmpty()) {
                    anyExisting = true;
                    plans.add(new ClusterPlan<>(other.name(), other.client(), List.of(), left));
                }
            }
        }
        String notReady = report(resource, rollup);
        Conditions.mark(resource, notReady == null ? conditions.available() : conditions.unavailable(notReady));
        if (!anyExisting && anyDesired) {
            return ExternalObservation.absent();
        }
        long changes = plans.stream().mapToLong(p -> p.apply().size() + p.delete().size()).sum();
        return changes == 0 ? ExternalObservation.upToDate(Map.of())
                : ExternalObservation.drifted(changes + " per-node objects to write or remove");
    }

    private ClusterPlan<T> plan(DpuClusterTargets.Target target, String ns, String name, Map<String, String> owner,
            NodeObjects<T> objects, List<Node> nodes, List<T> existing, Rollup<T> rollup) {
        Map<String, T> byName = new HashMap<>();
        existing.forEach(o -> byName.put(o.getMetadata().getName(), o));
        List<T> apply = new ArrayList<>();
        List<String> wanted = new ArrayList<>();
        for (Node node : nodes) {
            String nodeName = node.getMetadata().getName();
            T desired = objects.forNode(nodeName);
            desired.setMetadata(new ObjectMetaBuilder().withName(PerNode.name(name, nodeName)).withNamespace(ns)
                    .withLabels(PerNode.labels(owner, nodeName))
                    .withAnnotations(Map.of(PerNode.OWNER_ANNOTATION, ownerKind + " " + ns + "/" + name)).build());
            wanted.add(desired.getMetadata().getName());
            T current = byName.get(desired.getMetadata().getName());
            boolean upToDate = current != null && !differs(current, desired);
            if (!upToDate) {
                apply.add(desired);
            }
            rollup.nodes++;
            tally(target.name(), nodeName, upToDate ? current : null, rollup);
        }
        List<T> delete = existing.stream().filter(o -> !wanted.contains(o.getMetadata().getName())).toList();
        return new ClusterPlan<>(target.name(), target.client(), apply, delete);
    }

    /** Counts one node: programmed, failed, or waiting (no object as wanted yet, or no report on it yet). */
    private void tally(String cluster, String node, T current, Rollup<T> rollup) {
        if (current == null) {
            rollup.waiting.add(node + " (" + cluster + ")");
            return;
        }
        rollup.objects.add(current);
        Condition programmed = current.getStatus() == null ? null : current.getStatus().getConditions().stream()
                .filter(c -> Sfc.PROGRAMMED_CONDITION.equals(c.getType())).findFirst().orElse(null);
        boolean ofThisGeneration = current.getStatus() != null
                && Objects.equals(current.getStatus().getObservedGeneration(), current.getMetadata().getGeneration());
        if (programmed == null || !ofThisGeneration) {
            rollup.waiting.add(node + " (" + cluster + ")");
        } else if ("True".equals(programmed.getStatus())) {
            rollup.programmed++;
        } else {
            rollup.failed.add(new NodeFailure(cluster, node, programmed.getMessage()));
        }
    }

    private boolean differs(T current, T desired) {
        Map<String, String> labels = current.getMetadata().getLabels() == null ? Map.of() : current.getMetadata().getLabels();
        boolean labelsDiffer = desired.getMetadata().getLabels().entrySet().stream()
                .anyMatch(e -> !e.getValue().equals(labels.get(e.getKey())));
        return labelsDiffer || !json(current.getSpec()).equals(json(desired.getSpec()));
    }

    private JsonNode json(Object value) {
        return host.getKubernetesSerialization().convertValue(value, JsonNode.class);
    }

    private List<T> existing(KubernetesClient cluster, String ns, Map<String, String> owner) {
        return cluster.resources(type).inNamespace(ns).withLabels(owner).list().getItems();
    }

    private static List<Node> nodes(KubernetesClient cluster, Map<String, String> selector) {
        var nodes = selector == null || selector.isEmpty() ? cluster.nodes() : cluster.nodes().withLabels(selector);
        return nodes.list().getItems().stream().sorted(Comparator.comparing(n -> n.getMetadata().getName())).toList();
    }

    @Override
    public ExternalCreation create(M resource) {
        apply();
        return ExternalCreation.none();
    }

    @Override
    public ExternalUpdate update(M resource) {
        apply();
        return ExternalUpdate.none();
    }

    private void apply() {
        for (ClusterPlan<T> plan : plans) {
            if (!plan.apply().isEmpty()) {
                String ns = plan.apply().get(0).getMetadata().getNamespace();
                if (plan.client().namespaces().withName(ns).get() == null) {
                    plan.client().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                            .create();
                }
            }
            for (T object : plan.apply()) {
                plan.client().resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            }
            for (T object : plan.delete()) {
                plan.client().resource(object).delete();
            }
        }
    }

    @Override
    public void delete(M resource) {
        String ns = resource.getMetadata().getNamespace();
        Map<String, String> owner = PerNode.ownerLabels(ownerKind, ns, resource.getMetadata().getName());
        for (DpuClusterTargets.Target target : clusters.all(ns)) {
            if (target.reachable()) {
                target.client().resources(type).inNamespace(ns).withLabels(owner).delete();
            }
        }
    }
}
