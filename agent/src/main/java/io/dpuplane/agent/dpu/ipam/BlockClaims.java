package io.dpuplane.agent.dpu.ipam;

import io.dpuplane.apis.sfc.v1alpha1.IPPool;
import io.dpuplane.apis.sfc.v1alpha1.Sfc;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Makes a node's block its own across the DPU cluster: a block is taken by creating a Lease named after it
 * (in the pool's namespace), which the API server lets exactly one node create. The Lease names its holder
 * node and is owned by the node's IPPool, so the block is freed when the pool goes, even with the agent
 * down; the agent frees the blocks of its own vanished pools itself too.
 */
public final class BlockClaims {

    /** Label on every block Lease. */
    public static final String BLOCK_LABEL = "sfc.dpuplane.io/ip-block";
    /** Annotation on a block Lease: the block, e.g. 198.18.7.0/24. */
    public static final String BLOCK_ANNOTATION = "sfc.dpuplane.io/block";

    private static final Pattern LABEL_VALUE = Pattern.compile("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");

    private final KubernetesClient client;
    private final String node;

    public BlockClaims(KubernetesClient client, String node) {
        this.client = client;
        this.node = node;
    }

    /** A block claimed, or why none could be. */
    public record Claim(PoolLayout.Block block, String problem) {
    }

    /** The Lease that holds a block, e.g. {@code sfc-block-198-18-7-0-24}. */
    public static String leaseName(String blockCidr) {
        return "sfc-block-" + blockCidr.toLowerCase().replaceAll("[^a-z0-9]", "-");
    }

    /**
     * Keeps the block the pool recorded, or takes one: the one this node already holds (a claim whose status
     * write was lost), else the lowest block nobody holds.
     */
    public Claim claim(IPPool pool, PoolLayout layout, String recorded) {
        String ns = pool.getMetadata().getNamespace();
        if (recorded != null) {
            PoolLayout.Block block = layout.blockOf(recorded).orElse(null);
            if (block != null) {
                return keep(pool, block);
            }
        }
        List<Lease> leases = client.resources(Lease.class).inNamespace(ns).withLabel(BLOCK_LABEL).list().getItems();
        Map<String, String> holders = new HashMap<>();
        for (Lease lease : leases) {
            String holder = lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
            holders.put(lease.getMetadata().getName(), holder);
            String annotated = lease.getMetadata().getAnnotations() == null ? null
                    : lease.getMetadata().getAnnotations().get(BLOCK_ANNOTATION);
            if (node.equals(holder) && annotated != null && layout.blockOf(annotated).isPresent()) {
                return keep(pool, layout.blockOf(annotated).get());
            }
        }
        for (BigInteger i = BigInteger.ZERO; i.compareTo(layout.blockCount()) < 0; i = i.add(BigInteger.ONE)) {
            PoolLayout.Block block = layout.block(i);
            if (holders.containsKey(leaseName(block.cidr())) || layout.fullyExcluded(block)) {
                continue;
            }
            if (create(pool, block)) {
                return new Claim(block, null);
            }
        }
        Set<String> others = new TreeSet<>();
        holders.values().stream().filter(Objects::nonNull).forEach(others::add);
        return new Claim(null, "no free /" + layout.blockSize() + " block left in " + layout.cidr() + ": all "
                + layout.blockCount() + " are held or excluded (holders: " + String.join(", ", others) + ")");
    }

    private Claim keep(IPPool pool, PoolLayout.Block block) {
        String ns = pool.getMetadata().getNamespace();
        Lease lease = client.resources(Lease.class).inNamespace(ns).withName(leaseName(block.cidr())).get();
        if (lease == null) {
            return create(pool, block) ? new Claim(block, null) : keep(pool, block);
        }
        String holder = lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
        if (!node.equals(holder)) {
            return new Claim(null, "block " + block.cidr() + " recorded for this node is held by node " + holder);
        }
        boolean owned = lease.getMetadata().getOwnerReferences() != null && lease.getMetadata().getOwnerReferences()
                .stream().anyMatch(o -> pool.getMetadata().getUid().equals(o.getUid()));
        if (!owned) {
            lease.getMetadata().setOwnerReferences(List.of(ownerOf(pool)));
            client.resource(lease).update();
        }
        return new Claim(block, null);
    }

    private boolean create(IPPool pool, PoolLayout.Block block) {
        Map<String, String> labels = new HashMap<>(Map.of(BLOCK_LABEL, "true"));
        if (LABEL_VALUE.matcher(node).matches() && node.length() <= 63) {
            labels.put(Sfc.NODE_LABEL, node);
        }
        Lease lease = new LeaseBuilder().withNewMetadata().withName(leaseName(block.cidr()))
                .withNamespace(pool.getMetadata().getNamespace()).withLabels(labels)
                .withAnnotations(Map.of(BLOCK_ANNOTATION, block.cidr(), "sfc.dpuplane.io/ippool",
                        pool.getMetadata().getName()))
                .withOwnerReferences(ownerOf(pool)).endMetadata()
                .withNewSpec().withHolderIdentity(node).endSpec().build();
        try {
            client.resource(lease).create();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    /** Frees the blocks this node holds that are not in {@code keep} (namespace/lease name). */
    public void releaseAllBut(Set<String> keep) {
        var leases = LABEL_VALUE.matcher(node).matches() && node.length() <= 63
                ? client.resources(Lease.class).inAnyNamespace().withLabel(BLOCK_LABEL).withLabel(Sfc.NODE_LABEL, node)
                : client.resources(Lease.class).inAnyNamespace().withLabel(BLOCK_LABEL);
        for (Lease lease : leases.list().getItems()) {
            String holder = lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
            String key = lease.getMetadata().getNamespace() + "/" + lease.getMetadata().getName();
            if (node.equals(holder) && !keep.contains(key)) {
                client.resource(lease).delete();
            }
        }
    }

    private static OwnerReference ownerOf(IPPool pool) {
        return new OwnerReferenceBuilder().withApiVersion(pool.getApiVersion()).withKind(pool.getKind())
                .withName(pool.getMetadata().getName()).withUid(pool.getMetadata().getUid()).build();
    }
}
