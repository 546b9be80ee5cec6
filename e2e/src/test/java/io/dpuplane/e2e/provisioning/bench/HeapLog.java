package io.dpuplane.e2e.provisioning.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The provider's heap from its GC log ({@code -Xlog:gc}): the peak is the most heap in use before any
 * collection (live objects and garbage), the live peak the most left after one.
 */
record HeapLog(long peakMiB, long livePeakMiB, long maxCommittedMiB, int collections, double pauseMillis) {

    private static final Pattern PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)\\s+([0-9.]+)ms");

    static HeapLog read(Path gcLog) {
        long peak = 0;
        long live = 0;
        long committed = 0;
        int count = 0;
        double pauses = 0;
        try {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = PAUSE.matcher(line);
                if (line.contains("Pause") && m.find()) {
                    peak = Math.max(peak, Long.parseLong(m.group(1)));
                    live = Math.max(live, Long.parseLong(m.group(2)));
                    committed = Math.max(committed, Long.parseLong(m.group(3)));
                    pauses += Double.parseDouble(m.group(4));
                    count++;
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the provider's GC log " + gcLog, e);
        }
        return new HeapLog(peak, live, committed, count, pauses);
    }
}
