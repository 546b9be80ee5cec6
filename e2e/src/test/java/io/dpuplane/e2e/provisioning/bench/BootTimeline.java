package io.dpuplane.e2e.provisioning.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the emulated cards themselves did, from their consoles ({@code <instant> <line>}): when each started
 * receiving its boot stream, came up, and had its Node registered and Ready (the kubelet's "joined" line; the
 * Node's creation time, to the second, for a console without one). The time between is one DPU's install + boot +
 * join as the hardware plays it, without the provider.
 */
record BootTimeline(List<Card> cards) {

    record Card(String node, Instant receiving, Instant up, Instant joined) {
        Duration hardware() {
            return Duration.between(receiving, joined);
        }
    }

    /** The cards' consoles, and when each card's Node was created in the DPU cluster (by the same key). */
    static BootTimeline read(java.util.Map<String, Path> consoles, java.util.Map<String, Instant> nodesCreated) {
        List<Card> cards = new ArrayList<>();
        for (var entry : consoles.entrySet()) {
            try {
                List<String> lines = Files.readAllLines(entry.getValue());
                Optional<Instant> receiving = first(lines, "rshim: receiving a boot stream");
                Optional<Instant> up = first(lines, "DPU is up:");
                Optional<Instant> joined = first(lines, "kubelet: joined")
                        .or(() -> Optional.ofNullable(nodesCreated.get(entry.getKey())));
                if (receiving.isPresent() && up.isPresent() && joined.isPresent()) {
                    cards.add(new Card(entry.getKey(), receiving.get(), up.get(), joined.get()));
                }
            } catch (IOException e) {
                // a card without a console did not boot: not in the timeline
            }
        }
        return new BootTimeline(cards);
    }

    private static Optional<Instant> first(List<String> lines, String marker) {
        return lines.stream().filter(l -> l.contains(marker)).findFirst()
                .map(l -> Instant.parse(l.substring(0, l.indexOf(' '))));
    }

    /** The q-quantile (0..1) of the per-card install + boot + join time. */
    Duration hardwareQuantile(double q) {
        return quantile(q, Card::hardware);
    }

    /** The q-quantile (0..1) of the per-card stream + boot time, until the card says it is up (no join). */
    Duration bootQuantile(double q) {
        return quantile(q, c -> Duration.between(c.receiving(), c.up()));
    }

    /** The q-quantile (0..1) of the per-card join: from up to its Node registered and Ready. */
    Duration joinQuantile(double q) {
        return quantile(q, c -> Duration.between(c.up(), c.joined()));
    }

    /**
     * The q-quantile of the provider's part after each join: from the card's kubelet saying it joined to its DPU
     * seen Ready ({@code readyByNode}, by the card's Node name; cards whose DPU was not seen Ready are left out).
     */
    Duration readyAfterJoinQuantile(double q, java.util.Map<String, Instant> readyByNode) {
        List<Duration> sorted = cards.stream().filter(c -> readyByNode.containsKey(c.node()))
                .map(c -> Duration.between(c.joined(), readyByNode.get(c.node()))).sorted().toList();
        return quantileOf(q, sorted);
    }

    private Duration quantile(double q, java.util.function.Function<Card, Duration> what) {
        return quantileOf(q, cards.stream().map(what).sorted().toList());
    }

    private static Duration quantileOf(double q, List<Duration> sorted) {
        return sorted.isEmpty() ? Duration.ZERO : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
    }

    Optional<Instant> firstReceiving() {
        return cards.stream().map(Card::receiving).min(Instant::compareTo);
    }

    Optional<Instant> lastReceiving() {
        return cards.stream().map(Card::receiving).max(Instant::compareTo);
    }

    Optional<Instant> lastJoined() {
        return cards.stream().map(Card::joined).max(Instant::compareTo);
    }
}
