package io.dpuplane.e2e.provisioning.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went: the CPU time of this process and each of its descendants (API servers, etcds,
 * provider, emulators, host agents), grouped by role, from {@code /proc/<pid>/stat}, plus the machine's idle
 * time from {@code /proc/stat}. Two samples make a window; Linux only (elsewhere every figure is zero).
 */
record CpuShares(Map<String, Long> ticksByRole, long machineBusy, long machineIdle) {

    /** USER_HZ: the clock-tick unit of /proc, 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    static CpuShares sample(Function<ProcessHandle, String> roleOf) {
        Map<String, Long> byRole = new TreeMap<>();
        ProcessHandle self = ProcessHandle.current();
        Stream.concat(Stream.of(self), self.descendants()).forEach(p -> {
            long ticks = ticks(p.pid());
            if (ticks > 0) {
                byRole.merge(p.pid() == self.pid() ? "benchmark (clients, watch)" : roleOf.apply(p), ticks, Long::sum);
            }
        });
        long[] machine = machine();
        return new CpuShares(byRole, machine[0], machine[1]);
    }

    CpuShares minus(CpuShares before) {
        Map<String, Long> byRole = new TreeMap<>(ticksByRole);
        before.ticksByRole.forEach((role, ticks) -> byRole.merge(role, -ticks, Long::sum));
        return new CpuShares(byRole, machineBusy - before.machineBusy, machineIdle - before.machineIdle);
    }

    /** One line per role, busiest first: CPU seconds and share of the machine's busy time. */
    String table() {
        double busy = Math.max(1, machineBusy);
        String rows = ticksByRole.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "  %-28s %8.1f s  %5.1f %%", e.getKey(), e.getValue() / TICKS_PER_SECOND,
                        100 * e.getValue() / busy))
                .collect(Collectors.joining("\n"));
        return rows + String.format(Locale.ROOT, "%n  %-28s %8.1f s%n  %-28s %8.1f s", "machine busy (all processes)",
                machineBusy / TICKS_PER_SECOND, "machine idle", machineIdle / TICKS_PER_SECOND);
    }

    /** utime + stime of a process (its exited children are not counted: none of ours fork workers). */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After "pid (comm) ": field 3 (state) is f[0], so utime (14) is f[11] and stime (15) is f[12].
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The machine's busy and idle ticks (idle includes iowait). */
    private static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            long all = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                all += Long.parseLong(f[i]);
            }
            return new long[] {all - idle, idle};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
