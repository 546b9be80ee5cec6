package io.dpuplane.agent.dpu.ipam;

import io.dpuplane.apis.sfc.v1alpha1.IPAllocation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hands out a block's addresses: an owner keeps the address it has as long as it asks; a new owner gets the
 * lowest free one; an owner that stops asking gives its address back. When none is free the request is
 * refused, never served from an address someone holds.
 *
 * @param allocations every address held after this round, by address
 * @param refused owners that asked and got nothing
 * @param exhausted whether no free address is left
 */
public record Allocation(List<IPAllocation> allocations, List<String> refused, boolean exhausted) {

    public static Allocation of(PoolLayout layout, PoolLayout.Block block, List<IPAllocation> existing,
            Collection<String> owners) {
        Set<String> asking = new TreeSet<>(owners);
        Map<String, BigInteger> held = new LinkedHashMap<>();
        Set<BigInteger> used = new HashSet<>();
        for (IPAllocation a : existing == null ? List.<IPAllocation>of() : existing) {
            BigInteger address = a.ip() == null ? BigInteger.ONE.negate() : layout.parseAddress(a.ip());
            if (asking.contains(a.owner()) && !held.containsKey(a.owner()) && !used.contains(address)
                    && layout.allocatable(block, address)) {
                held.put(a.owner(), address);
                used.add(address);
            }
        }
        List<String> refused = new ArrayList<>();
        for (String owner : asking) {
            if (held.containsKey(owner)) {
                continue;
            }
            Optional<BigInteger> free = layout.firstFree(block, used);
            if (free.isEmpty()) {
                refused.add(owner);
            } else {
                held.put(owner, free.get());
                used.add(free.get());
            }
        }
        List<IPAllocation> allocations = held.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .map(e -> new IPAllocation(e.getKey(), layout.format(e.getValue()))).toList();
        boolean exhausted = !refused.isEmpty() || BigInteger.valueOf(used.size()).compareTo(layout.capacity(block)) >= 0;
        return new Allocation(allocations, refused, exhausted);
    }

    /** The address an owner holds. */
    public Optional<String> addressOf(String owner) {
        return allocations.stream().filter(a -> a.owner().equals(owner)).map(IPAllocation::ip).findFirst();
    }
}
