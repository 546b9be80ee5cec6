package io.dpuplane.agent.host;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The agent's long operations: at most one per card, journaled on every change, and recovered on start —
 * an install the agent was running when it stopped is reported INTERRUPTED and its card reset, never lost.
 */
public final class Operations implements AutoCloseable {

    /** The stages before any byte reaches the card. */
    static final String STARTING = "Starting";
    static final String DOWNLOADING = "Downloading";
    static final String VERIFYING = "Verifying";

    private final OperationJournal journal;
    private final Function<String, Optional<RshimPort>> ports;
    private final BfbCache bfbs;
    private final Duration bootTimeout;
    private final Map<String, OperationRecord> records = new ConcurrentHashMap<>();
    private final Map<String, InstallRun> running = new ConcurrentHashMap<>();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "install");
        t.setDaemon(true);
        return t;
    });

    /**
     * {@code ports} finds a card's rshim by PCI address; BFBs are kept under {@code bfbDir} (the {@code keepBfbs}
     * most recently used); {@code bootTimeout} bounds a boot, {@code stallTimeout} a wait for the registry's next
     * byte.
     */
    public Operations(OperationJournal journal, Function<String, Optional<RshimPort>> ports, Path bfbDir, int keepBfbs,
            Duration bootTimeout, Duration stallTimeout) {
        this.journal = journal;
        this.ports = ports;
        this.bootTimeout = bootTimeout;
        this.bfbs = new BfbCache(bfbDir, stallTimeout, keepBfbs);
        recover();
    }

    private void recover() {
        for (OperationRecord record : journal.readAll()) {
            if (!record.finished()) {
                record = interrupted(record);
                journal.write(record);
            }
            records.put(record.id(), record);
        }
    }

    /**
     * An install the agent was running when it stopped: a card that got some of its stream is reset, so it is not
     * left half-flashed; one still waiting for its BFB was not touched and is left as it is.
     */
    private OperationRecord interrupted(OperationRecord record) {
        if (record.stage().equals(STARTING) || record.stage().equals(DOWNLOADING) || record.stage().equals(VERIFYING)) {
            return record.finish(OperationRecord.State.INTERRUPTED, "the agent restarted while this install was "
                    + record.stage() + "; nothing had been sent to the card", now());
        }
        ports.apply(record.pciAddress()).ifPresent(port -> {
            try {
                port.reset();
            } catch (java.io.IOException e) {
                // reported below either way
            }
        });
        return record.finish(OperationRecord.State.INTERRUPTED, "the agent restarted while this install was "
                + record.stage() + "; the device was reset so it is not left half-flashed", now());
    }

    /**
     * Starts an install; refused while another operation runs on the card or when the card is unknown. Asking
     * again for the same install (same requester and image) while it runs returns the running one, so a caller
     * that lost the answer (a provider that crashed) never starts a second install.
     */
    public OperationRecord startInstall(String pciAddress, String bfbUrl, String sha256, byte[] bfCfg,
            String requestedBy) {
        // Found outside the lock: the other installs' progress and starts do not wait on a device lookup.
        RshimPort port = ports.apply(pciAddress).orElseThrow(() -> new IllegalArgumentException(
                "no BlueField with an rshim device at PCI address " + pciAddress + " on this host"));
        return start(port, pciAddress, bfbUrl, sha256, bfCfg, requestedBy);
    }

    private synchronized OperationRecord start(RshimPort port, String pciAddress, String bfbUrl, String sha256,
            byte[] bfCfg, String requestedBy) {
        Optional<OperationRecord> busy = records.values().stream()
                .filter(r -> r.pciAddress().equals(pciAddress) && !r.finished()).findFirst();
        if (busy.isPresent()) {
            OperationRecord r = busy.get();
            if (r.requestedBy() != null && r.requestedBy().equals(requestedBy) && r.bfbUrl().equals(bfbUrl)) {
                return r;
            }
            throw new IllegalStateException("operation " + r.id() + " is already running on " + pciAddress);
        }
        OperationRecord record = new OperationRecord(UUID.randomUUID().toString(), pciAddress, bfbUrl,
                sha256 == null ? "" : sha256, requestedBy, OperationRecord.State.RUNNING, STARTING, 0, -1, List.of(),
                null, now(), null, null);
        records.put(record.id(), record);
        journal.write(record);
        InstallRun run = new InstallRun(this, record.id(), port, bfCfg, bfbs, bootTimeout);
        running.put(record.id(), run);
        pool.submit(() -> {
            try {
                run.run();
            } finally {
                running.remove(record.id());
            }
        });
        return record;
    }

    public Optional<OperationRecord> get(String id) {
        return Optional.ofNullable(records.get(id));
    }

    public Optional<OperationRecord> cancel(String id) {
        InstallRun run = running.get(id);
        if (run != null) {
            run.cancel();
        }
        return get(id);
    }

    /** The DOCA version each card last installed successfully through this agent. */
    public Map<String, String> installedVersions() {
        Map<String, OperationRecord> latest = new ConcurrentHashMap<>();
        records.values().stream().filter(r -> r.state() == OperationRecord.State.SUCCEEDED && r.docaVersion() != null)
                .forEach(r -> latest.merge(r.pciAddress(), r, (a, b) -> a.finishedAt().compareTo(b.finishedAt()) >= 0 ? a : b));
        Map<String, String> versions = new ConcurrentHashMap<>();
        latest.forEach((pci, r) -> versions.put(pci, r.docaVersion()));
        return versions;
    }

    synchronized void update(String id, UnaryOperator<OperationRecord> change) {
        OperationRecord next = change.apply(records.get(id));
        records.put(id, next);
        journal.write(next);
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    @Override
    public void close() {
        running.values().forEach(InstallRun::cancel);
        pool.shutdownNow();
        bfbs.close();
    }
}
