package io.dpuplane.provider.chain;

import io.dpuplane.provider.cluster.DpuClusterTargets;
import io.dpuplane.apis.provisioning.v1alpha1.DPUCluster;
import io.dpuplane.apis.sfc.v1alpha1.IPPool;
import io.dpuplane.apis.sfc.v1alpha1.IPPoolSpec;
import io.dpuplane.apis.sfc.v1alpha1.IPPoolStatus;
import io.dpuplane.apis.svc.v1alpha1.ClusterTargets;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceIPAM;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceIPAMObservation;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceIPAMParameters;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A DPUServiceIPAM is one IPPool per selected DPU node, from which each node's agent takes its block. Checked
 * first: the CIDR and block size make sense (a block no larger than the pool), the gateway and exclusions lie
 * where they must, and no older pool of the namespace overlaps it in a shared DPU cluster (two pools handing
 * out the same addresses).
 */
final class PoolMirror extends NodeMirror<DPUServiceIPAM, IPPoolStatus, IPPool> {

    PoolMirror(KubernetesClient host, DpuClusterTargets clusters) {
        super(host, clusters, IPPool.class, "DPUServiceIPAM");
    }

    @Override
    protected NodeObjects<IPPool> prepare(DPUServiceIPAM resource) {
        DPUServiceIPAMParameters p = resource.getSpec().getForProvider();
        Cidr pool = check(p);
        overlaps(resource, pool);
        return node -> {
            IPPool ippool = new IPPool();
            ippool.setSpec(new IPPoolSpec(node, p.cidr(), p.perNodeBlockSize(), p.gatewayIndex(), p.exclusions()));
            return ippool;
        };
    }

    /** The pool's CIDR, once its block size, gateway and exclusions are known to fit it. */
    static Cidr check(DPUServiceIPAMParameters p) {
        Cidr pool = Cidr.parse(p.cidr(), "cidr");
        if (!pool.network()) {
            throw new BadInput("cidr " + p.cidr() + " names an address, not a network");
        }
        if (p.perNodeBlockSize() == null || p.perNodeBlockSize() <= pool.prefix() || p.perNodeBlockSize() > pool.bits()) {
            throw new BadInput("perNodeBlockSize /" + p.perNodeBlockSize() + " is not a block of the pool " + p.cidr()
                    + ": a block must be smaller than the pool (a longer prefix than /" + pool.prefix() + ", at most /"
                    + pool.bits() + ")");
        }
        BigInteger blockAddresses = BigInteger.ONE.shiftLeft(pool.bits() - p.perNodeBlockSize());
        if (p.gatewayIndex() != null && BigInteger.valueOf(p.gatewayIndex()).compareTo(blockAddresses) >= 0) {
            throw new BadInput("gatewayIndex " + p.gatewayIndex() + " is outside a /" + p.perNodeBlockSize() + " block ("
                    + blockAddresses + " addresses)");
        }
        for (String exclusion : p.exclusions() == null ? List.<String>of() : p.exclusions()) {
            if (!pool.contains(Cidr.parse(exclusion, "exclusion"))) {
                throw new BadInput("exclusion " + exclusion + " is outside " + p.cidr());
            }
        }
        return pool;
    }

    private void overlaps(DPUServiceIPAM resource, Cidr pool) {
        String ns = resource.getMetadata().getNamespace();
        Set<String> mine = clusterNames(ns, resource.getSpec().getForProvider().clusters());
        List<DPUServiceIPAM> older = host.resources(DPUServiceIPAM.class).inNamespace(ns).list().getItems().stream()
                .filter(o -> !o.getMetadata().getUid().equals(resource.getMetadata().getUid()))
                .filter(o -> o.getMetadata().getDeletionTimestamp() == null)
                .filter(o -> before(o, resource))
                .sorted(Comparator.comparing((DPUServiceIPAM o) -> o.getMetadata().getCreationTimestamp()))
                .toList();
        for (DPUServiceIPAM other : older) {
            Cidr theirs;
            try {
                theirs = Cidr.parse(other.getSpec().getForProvider().cidr(), "cidr");
            } catch (BadInput e) {
                continue;
            }
            Set<String> shared = new HashSet<>(clusterNames(ns, other.getSpec().getForProvider().clusters()));
            shared.retainAll(mine);
            if (theirs.overlaps(pool) && !shared.isEmpty()) {
                throw new BadInput("cidr " + pool.text() + " overlaps DPUServiceIPAM " + other.getMetadata().getName()
                        + " (" + theirs.text() + ") in DPU cluster " + shared.stream().sorted().findFirst().orElseThrow()
                        + ": two pools would hand out the same addresses");
            }
        }
    }

    private static boolean before(DPUServiceIPAM a, DPUServiceIPAM b) {
        int byTime = a.getMetadata().getCreationTimestamp().compareTo(b.getMetadata().getCreationTimestamp());
        return byTime != 0 ? byTime < 0 : a.getMetadata().getName().compareTo(b.getMetadata().getName()) < 0;
    }

    private Set<String> clusterNames(String ns, ClusterTargets targets) {
        Set<String> names = new HashSet<>();
        if (targets != null && targets.names() != null) {
            names.addAll(targets.names());
        } else if (targets != null && targets.selector() != null) {
            host.resources(DPUCluster.class).inNamespace(ns).withLabelSelector(targets.selector()).list().getItems()
                    .forEach(c -> names.add(c.getMetadata().getName()));
        }
        return names;
    }

    @Override
    protected ClusterTargets targets(DPUServiceIPAM resource) {
        return resource.getSpec().getForProvider().clusters();
    }

    @Override
    protected Map<String, String> nodeSelector(DPUServiceIPAM resource) {
        return resource.getSpec().getForProvider().nodeSelector();
    }

    @Override
    protected String report(DPUServiceIPAM resource, Rollup<IPPool> rollup) {
        DPUServiceIPAMParameters p = resource.getSpec().getForProvider();
        Cidr pool = Cidr.parse(p.cidr(), "cidr");
        BigInteger blocks = pool.blocks(p.perNodeBlockSize());
        int inUse = (int) rollup.objects.stream().filter(o -> o.getStatus() != null && o.getStatus().getBlock() != null)
                .count();
        BigInteger free = blocks.subtract(BigInteger.valueOf(inUse)).max(BigInteger.ZERO);
        resource.requireStatus().setAtProvider(new DPUServiceIPAMObservation(inUse, inUse,
                free.min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue()));
        String notReady = rollup.notReady("pool");
        if (BigInteger.valueOf(rollup.nodes).compareTo(blocks) > 0) {
            String shortage = "the pool " + p.cidr() + " has " + blocks + " /" + p.perNodeBlockSize() + " blocks for "
                    + rollup.nodes + " selected DPU nodes: " + BigInteger.valueOf(rollup.nodes).subtract(blocks)
                    + " get none";
            return notReady == null ? shortage : shortage + "; " + notReady;
        }
        return notReady;
    }
}
