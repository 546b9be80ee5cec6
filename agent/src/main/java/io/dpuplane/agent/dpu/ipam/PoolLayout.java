package io.dpuplane.agent.dpu.ipam;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import io.dpuplane.apis.sfc.v1alpha1.IPPoolSpec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The arithmetic of a pool: its blocks (the pool's CIDR cut into prefixes of the block size, numbered from
 * its start), and which addresses of a block can be handed out: not the IPv4 network and broadcast
 * addresses (IPv6: not the subnet-router anycast address), not the gateway, not an exclusion.
 */
public final class PoolLayout {

    private final String cidr;
    private final int bits;
    private final BigInteger base;
    private final int poolPrefix;
    private final int blockSize;
    private final Integer gatewayIndex;
    private final List<Range> exclusions;

    /** An inclusive range of addresses as numbers. */
    record Range(BigInteger first, BigInteger last) {

        boolean contains(BigInteger value) {
            return first.compareTo(value) <= 0 && value.compareTo(last) <= 0;
        }

        boolean covers(Range other) {
            return contains(other.first) && contains(other.last);
        }
    }

    /** One block: its first address as a number and its CIDR text, e.g. 198.18.7.0/24. */
    public record Block(BigInteger base, String cidr) {
    }

    private PoolLayout(String cidr, IPAddress pool, int blockSize, Integer gatewayIndex, List<Range> exclusions) {
        this.cidr = cidr;
        this.bits = pool.getBitCount();
        this.base = pool.getLower().getValue();
        this.poolPrefix = pool.getNetworkPrefixLength();
        this.blockSize = blockSize;
        this.gatewayIndex = gatewayIndex;
        this.exclusions = exclusions;
    }

    /** The layout of a pool spec, or an exception whose message says what is wrong with it. */
    public static PoolLayout of(IPPoolSpec spec) {
        IPAddress pool = parse(spec.cidr(), "cidr");
        if (pool.getNetworkPrefixLength() == null) {
            throw new IllegalArgumentException("cidr " + spec.cidr() + " has no prefix length");
        }
        if (!pool.equals(pool.toPrefixBlock())) {
            throw new IllegalArgumentException("cidr " + spec.cidr() + " is an address, not a network: use "
                    + pool.toPrefixBlock().toCanonicalString());
        }
        Integer blockSize = spec.blockSize();
        int prefix = pool.getNetworkPrefixLength();
        if (blockSize == null || blockSize <= prefix || blockSize > pool.getBitCount()) {
            throw new IllegalArgumentException("blockSize /" + blockSize + " is not smaller than the pool " + spec.cidr()
                    + ": it must be a longer prefix than /" + prefix + ", at most /" + pool.getBitCount());
        }
        BigInteger blockAddresses = BigInteger.ONE.shiftLeft(pool.getBitCount() - blockSize);
        if (spec.gatewayIndex() != null && BigInteger.valueOf(spec.gatewayIndex()).compareTo(blockAddresses) >= 0) {
            throw new IllegalArgumentException("gatewayIndex " + spec.gatewayIndex() + " is outside a /" + blockSize
                    + " block of " + blockAddresses + " addresses");
        }
        List<Range> exclusions = new ArrayList<>();
        for (String exclusion : spec.exclusions() == null ? List.<String>of() : spec.exclusions()) {
            IPAddress excluded = parse(exclusion, "exclusion");
            if (!pool.contains(excluded)) {
                throw new IllegalArgumentException("exclusion " + exclusion + " is outside " + spec.cidr());
            }
            IPAddress block = excluded.getNetworkPrefixLength() == null ? excluded : excluded.toPrefixBlock();
            exclusions.add(new Range(block.getLower().getValue(), block.getUpper().getValue()));
        }
        return new PoolLayout(spec.cidr(), pool, blockSize, spec.gatewayIndex(), merged(exclusions));
    }

    private static IPAddress parse(String text, String what) {
        IPAddress address = text == null ? null : new IPAddressString(text).getAddress();
        if (address == null) {
            throw new IllegalArgumentException(what + " " + text + " is not an IP address or CIDR");
        }
        return address;
    }

    private static List<Range> merged(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparing(Range::first));
        List<Range> out = new ArrayList<>();
        for (Range r : sorted) {
            Range last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && r.first.compareTo(last.last.add(BigInteger.ONE)) <= 0) {
                out.set(out.size() - 1, new Range(last.first, last.last.max(r.last)));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    public String cidr() {
        return cidr;
    }

    public int blockSize() {
        return blockSize;
    }

    public BigInteger blockCount() {
        return BigInteger.ONE.shiftLeft(blockSize - poolPrefix);
    }

    private BigInteger blockAddresses() {
        return BigInteger.ONE.shiftLeft(bits - blockSize);
    }

    public Block block(BigInteger index) {
        BigInteger first = base.add(index.multiply(blockAddresses()));
        return new Block(first, format(first) + "/" + blockSize);
    }

    /** The block a CIDR names, when it is exactly one block of this pool. */
    public Optional<Block> blockOf(String text) {
        IPAddress address = text == null ? null : new IPAddressString(text).getAddress();
        if (address == null || address.getNetworkPrefixLength() == null || address.getNetworkPrefixLength() != blockSize
                || address.getBitCount() != bits) {
            return Optional.empty();
        }
        BigInteger first = address.getLower().getValue();
        BigInteger offset = first.subtract(base);
        if (offset.signum() < 0 || !offset.mod(blockAddresses()).equals(BigInteger.ZERO)
                || offset.divide(blockAddresses()).compareTo(blockCount()) >= 0) {
            return Optional.empty();
        }
        return Optional.of(block(offset.divide(blockAddresses())));
    }

    /** Whether exclusions leave nothing of the block. */
    public boolean fullyExcluded(Block block) {
        Range range = new Range(block.base(), block.base().add(blockAddresses()).subtract(BigInteger.ONE));
        return exclusions.stream().anyMatch(e -> e.covers(range));
    }

    /** The gateway address of a block, when the pool keeps one. */
    public Optional<String> gateway(Block block) {
        return gatewayIndex == null ? Optional.empty()
                : Optional.of(format(block.base().add(BigInteger.valueOf(gatewayIndex))));
    }

    /** Whether an address may be handed out from the block. */
    public boolean allocatable(Block block, BigInteger address) {
        BigInteger offset = address.subtract(block.base());
        if (offset.signum() < 0 || offset.compareTo(blockAddresses()) >= 0) {
            return false;
        }
        if (reservedOffset(offset)) {
            return false;
        }
        return exclusions.stream().noneMatch(e -> e.contains(address));
    }

    private boolean reservedOffset(BigInteger offset) {
        boolean edges = bits == 32 ? blockSize <= 30 : blockSize <= 126;
        if (edges && offset.signum() == 0) {
            return true;
        }
        if (edges && bits == 32 && offset.equals(blockAddresses().subtract(BigInteger.ONE))) {
            return true;
        }
        return gatewayIndex != null && offset.equals(BigInteger.valueOf(gatewayIndex));
    }

    /** The lowest allocatable address of the block not in {@code used}, skipping excluded ranges whole. */
    public Optional<BigInteger> firstFree(Block block, java.util.Set<BigInteger> used) {
        BigInteger end = block.base().add(blockAddresses());
        BigInteger candidate = block.base();
        while (candidate.compareTo(end) < 0) {
            BigInteger current = candidate;
            Optional<Range> excluded = exclusions.stream().filter(e -> e.contains(current)).findFirst();
            if (excluded.isPresent()) {
                candidate = excluded.get().last().add(BigInteger.ONE);
            } else if (!used.contains(current) && allocatable(block, current)) {
                return Optional.of(current);
            } else {
                candidate = current.add(BigInteger.ONE);
            }
        }
        return Optional.empty();
    }

    /** How many addresses of the block can be handed out in all. */
    public BigInteger capacity(Block block) {
        BigInteger last = block.base().add(blockAddresses()).subtract(BigInteger.ONE);
        BigInteger count = blockAddresses();
        for (Range e : exclusions) {
            BigInteger first = e.first().max(block.base());
            BigInteger end = e.last().min(last);
            if (first.compareTo(end) <= 0) {
                count = count.subtract(end.subtract(first).add(BigInteger.ONE));
            }
        }
        for (BigInteger offset : reservedOffsets()) {
            BigInteger address = block.base().add(offset);
            if (exclusions.stream().noneMatch(e -> e.contains(address))) {
                count = count.subtract(BigInteger.ONE);
            }
        }
        return count.max(BigInteger.ZERO);
    }

    private List<BigInteger> reservedOffsets() {
        List<BigInteger> offsets = new ArrayList<>();
        for (BigInteger candidate : List.of(BigInteger.ZERO, blockAddresses().subtract(BigInteger.ONE))) {
            if (reservedOffset(candidate) && !offsets.contains(candidate)) {
                offsets.add(candidate);
            }
        }
        if (gatewayIndex != null && !offsets.contains(BigInteger.valueOf(gatewayIndex))) {
            offsets.add(BigInteger.valueOf(gatewayIndex));
        }
        return offsets;
    }

    public BigInteger parseAddress(String text) {
        IPAddress address = new IPAddressString(text).getAddress();
        return address == null || address.getBitCount() != bits ? BigInteger.ONE.negate()
                : address.withoutPrefixLength().getValue();
    }

    public String format(BigInteger value) {
        IPAddress address = bits == 32 ? new IPv4Address(value.intValue()) : new IPv6Address(value);
        return address.toCanonicalString();
    }
}
