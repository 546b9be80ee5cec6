package io.dpuplane.e2e.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/** The resident memory of a process and everything it started, sampled from /proc; keeps the peak. */
final class ProcessTreeMemory {

    private final ProcessHandle root;
    private final AtomicLong peakKib = new AtomicLong();

    ProcessTreeMemory(ProcessHandle root) {
        this.root = root;
    }

    /** Takes one sample and returns it, in KiB. */
    long sample() {
        long total = rssKib(root.pid()) + root.descendants().mapToLong(p -> rssKib(p.pid())).sum();
        peakKib.accumulateAndGet(total, Math::max);
        return total;
    }

    long peakMib() {
        return peakKib.get() / 1024;
    }

    private static long rssKib(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
