package io.dpuplane.agent.emulator;

import io.dpuplane.agent.host.PciVpd;
import io.dpuplane.bfb.BfbVersions;
import io.dpuplane.bfb.BootStreamException;
import io.dpuplane.bfb.BootStreamReport;
import io.dpuplane.bfb.BootStreamValidator;
import io.dpuplane.bfb.ImageType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One emulated BlueField, behind the very files a real one has: {@code rshim<N>/boot} (a FIFO the device
 * reads boot streams from), {@code misc} (key/value state; writing {@code SW_RESET 1} resets it),
 * {@code console} (read as the card prints, like rshim's character device: see {@link EmulatedConsole}) and
 * {@code rshim}, plus its PCI function in sysfs (vendor, device, VPD). It checks every
 * boot stream as a device would, refuses a malformed one (the console says why), plays the boot stages on
 * a scaled clock, applies the bf.cfg it received and joins the DPU cluster it names as a Ready node.
 */
public final class EmulatedDpu implements AutoCloseable {

    /** What the device is doing. */
    public enum State { IDLE, RECEIVING, REJECTED, BOOTING, RUNNING, FAILED, POWERED_OFF }

    private static final int MAX_BF_CFG = 1 << 20;

    private final DeviceIdentity identity;
    private final Path rshim;
    private final double timeScale;
    private final KubeletCredentials kubelet;
    private volatile DeviceFaults faults;
    private volatile State state = State.IDLE;
    private volatile BootStage stage;
    private volatile BfbVersions installed;
    private volatile BfCfg bfCfg;
    private volatile boolean closed;
    private final EmulatedConsole console;
    private final Thread receiver;
    private Thread booter;
    private long miscStamp;

    EmulatedDpu(DeviceIdentity identity, Path devRoot, Path sysRoot, double timeScale, DeviceFaults faults,
            KubeletCredentials kubelet, MiscWatch misc) {
        this.identity = identity;
        this.kubelet = kubelet;
        this.rshim = devRoot.resolve("rshim" + identity.rshimIndex());
        this.timeScale = timeScale;
        this.faults = faults;
        createFiles(sysRoot);
        try {
            this.console = new EmulatedConsole(rshim.resolve("console"), consoleLog(devRoot, identity.rshimIndex()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the console of the emulated device " + identity.pciAddress(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        this.receiver = new Thread(this::receive, "emulated-dpu-" + identity.pciAddress() + "-rshim");
        receiver.setDaemon(true);
        receiver.start();
        misc.register(rshim, this::miscChanged);
    }

    public DeviceIdentity identity() {
        return identity;
    }

    public State state() {
        return state;
    }

    public Optional<BootStage> stage() {
        return Optional.ofNullable(stage);
    }

    public Optional<BfbVersions> installedVersions() {
        return Optional.ofNullable(installed);
    }

    public Optional<BfCfg> bfCfg() {
        return Optional.ofNullable(bfCfg);
    }

    public void setFaults(DeviceFaults faults) {
        this.faults = faults;
    }

    public Path rshimDirectory() {
        return rshim;
    }

    /** The console's lines so far (the emulator's record of them: the device itself keeps no past). */
    public List<String> console() {
        return console.lines();
    }

    /** Where the emulator records this card's console, one stamped line each (not a file a real card has). */
    public static Path consoleLog(Path devRoot, int rshimIndex) {
        return devRoot.resolve(".emulator").resolve("rshim" + rshimIndex + "-console.log");
    }

    private void createFiles(Path sysRoot) {
        try {
            Files.createDirectories(rshim);
            Path boot = rshim.resolve("boot");
            if (!Files.exists(boot)) {
                EmulatedConsole.mkfifo(boot);
            }
            Files.writeString(rshim.resolve("rshim"), "");
            writeMisc();
            Path pci = sysRoot.resolve("bus/pci/devices").resolve(identity.pciAddress());
            Files.createDirectories(pci);
            Files.writeString(pci.resolve("vendor"), "0x15b3\n");
            Files.writeString(pci.resolve("device"), "0x" + identity.model().pciDeviceId() + "\n");
            Files.write(pci.resolve("vpd"), new PciVpd(identity.model().displayName() + " DPU",
                    Map.of("PN", identity.partNumber(), "SN", identity.serialNumber())).toBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the emulated device " + identity.pciAddress(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void receive() {
        while (!closed) {
            try (InputStream in = Files.newInputStream(rshim.resolve("boot"))) {
                if (closed) {
                    return;
                }
                receiveStream(in);
            } catch (IOException | RuntimeException e) {
                // A device keeps listening whatever one stream did: a receiver that ended would leave the card deaf.
                if (!closed) {
                    console("rshim: " + e.getMessage());
                }
            }
        }
    }

    private void receiveStream(InputStream in) throws IOException {
        stopBooting();
        state = State.RECEIVING;
        stage = null;
        console("rshim: receiving a boot stream");
        BootStreamValidator validator = new BootStreamValidator().capture(ImageType.BOOT_ARGS.id(), MAX_BF_CFG);
        byte[] buffer = new byte[1 << 16];
        long received = 0;
        long started = System.nanoTime();
        int n;
        try {
            while ((n = in.read(buffer)) > 0) {
                DeviceFaults f = faults;
                if (f.losePowerAfterBytes() >= 0 && received + n > f.losePowerAfterBytes()) {
                    state = State.POWERED_OFF;
                    console("power lost after " + received + " bytes of the boot stream");
                    return;
                }
                validator.update(buffer, 0, n);
                received += n;
                throttle(f.rshimBytesPerSecond(), received, started);
            }
            BootStreamReport report = validator.finish();
            console("rshim: boot stream complete: " + report.images().size() + " images, " + received + " bytes");
            BfCfg cfg = validator.captured().map(BfCfg::parse).orElse(new BfCfg(Map.of()));
            startBooting(report.versions(), cfg);
        } catch (BootStreamException e) {
            state = State.REJECTED;
            console("boot ROM: boot stream rejected: " + e.getMessage());
        }
    }

    private void throttle(long bytesPerSecond, long received, long startedNanos) {
        if (bytesPerSecond <= 0) {
            return;
        }
        long due = startedNanos + (long) (received * 1e9 / bytesPerSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized void startBooting(BfbVersions versions, BfCfg cfg) {
        booter = new Thread(() -> boot(versions, cfg), "emulated-dpu-" + identity.pciAddress() + "-boot");
        booter.setDaemon(true);
        booter.start();
    }

    /** The card loses power: its OS and kubelet stop (the Node stops being renewed) until a reset boots it. */
    public void powerOff() {
        console("power lost");
        stopBooting();
        state = State.POWERED_OFF;
    }

    private synchronized void stopBooting() {
        if (booter != null) {
            booter.interrupt();
            try {
                booter.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            booter = null;
        }
    }

    private void boot(BfbVersions versions, BfCfg cfg) {
        state = State.BOOTING;
        try {
            for (BootStage next : BootStage.values()) {
                stage = next;
                DeviceFaults f = faults;
                if (f.failAt().filter(next::equals).isPresent()) {
                    state = State.FAILED;
                    console("ERROR: " + next.console() + " failed");
                    return;
                }
                console(next.console());
                if (f.hangAt().filter(next::equals).isPresent()) {
                    Thread.sleep(Long.MAX_VALUE);
                }
                if (next == BootStage.RUNNING) {
                    installed = versions;
                    bfCfg = cfg;
                    state = State.RUNNING;
                    console("DPU is up: DOCA " + Optional.ofNullable(versions.doca()).orElse("unknown"));
                    runNode(cfg);
                    return;
                }
                Thread.sleep(scaled(next.realDuration()).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Acts as the DPU's kubelet until reset: the Node and its Lease stay fresh. */
    private void runNode(BfCfg cfg) throws InterruptedException {
        Optional<BfCfg.ClusterJoin> join = cfg.join();
        if (join.isEmpty()) {
            console("cloud-init: no DPU cluster to join in bf.cfg");
            return;
        }
        Duration period = scaled(Duration.ofSeconds(10)).compareTo(Duration.ofMillis(200)) < 0
                ? Duration.ofMillis(200) : scaled(Duration.ofSeconds(10));
        try (ClusterNode node = new ClusterNode(join.get(), Map.of("dpuplane.io/pci-address",
                identity.pciAddress().replace(':', '-'), "node-role.kubernetes.io/dpu", ""), kubelet)) {
            boolean announced = false;
            int failures = 0;
            while (!Thread.currentThread().isInterrupted() && !closed) {
                if (faults.kubeletStopped()) {
                    Thread.sleep(period.toMillis());
                    continue;
                }
                try {
                    node.heartbeat(true, "kubelet is posting ready status");
                    if (!announced) {
                        // Said when the Node is there and Ready, before the pods' watch starts.
                        console("kubelet: joined the DPU cluster as node " + join.get().nodeName());
                        announced = true;
                    }
                    node.joined();
                    failures = 0;
                } catch (RuntimeException e) {
                    console("kubelet: cannot reach the DPU cluster: " + rootCause(e));
                    failures++;
                }
                // After a failure, again soon (as a kubelet retries its registration and status), backing off to
                // the heartbeat period: a busy API server costs a join seconds, not a whole period per refusal.
                Thread.sleep(failures == 0 ? period.toMillis()
                        : Math.min(period.toMillis(), 500L << Math.min(failures - 1, 10)));
            }
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + cause + ")";
    }

    /** The reset a {@code SW_RESET 1} in misc asks for: the device reboots into what it has installed. */
    void reset() {
        console("SW_RESET: resetting the DPU");
        stopBooting();
        stage = null;
        if (installed != null && state != State.REJECTED && state != State.POWERED_OFF) {
            BfbVersions versions = installed;
            BfCfg cfg = bfCfg;
            startBooting(versions, cfg);
        } else {
            state = State.IDLE;
        }
    }

    /** Takes a reset someone wrote into misc ({@code SW_RESET 1}); {@link MiscWatch} calls it when misc may have changed. */
    private void miscChanged() {
        if (closed) {
            return;
        }
        Path misc = rshim.resolve("misc");
        try {
            long stamp = stamp(misc);
            if (stamp != miscStamp) {
                String text = Files.readString(misc);
                if (text.lines().anyMatch(line -> line.strip().equals("SW_RESET 1"))) {
                    reset();
                    writeMisc();
                }
                // The stamp of before the read: a writer truncates, then writes, and a read between the two saw an
                // empty file. Stamped after the read, the write's change would pass for seen and the reset be lost.
                miscStamp = stamp;
            }
        } catch (IOException e) {
            // the agent may be rewriting it: its write is another change, told again
        }
    }

    /** When misc last changed and how long it is, from one stat. */
    private static long stamp(Path misc) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(misc, BasicFileAttributes.class);
        return attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS) ^ attributes.size();
    }

    private void writeMisc() throws IOException {
        Path misc = rshim.resolve("misc");
        Path tmp = rshim.resolve(".misc.tmp");
        Files.writeString(tmp, "DISPLAY_LEVEL 0 (0:basic, 1:advanced, 2:log)\nBOOT_MODE 1 (0:rshim, 1:emmc, 2:emmc-boot-swap)\n"
                + "BOOT_TIMEOUT 150 (seconds)\nSW_RESET 0 (1: reset)\nDEV_NAME pcie-" + identity.pciAddress() + "\n");
        Files.move(tmp, misc, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void console(String line) {
        console.print(line);
    }

    private Duration scaled(Duration real) {
        return Duration.ofMillis((long) (real.toMillis() * timeScale));
    }

    @Override
    public void close() {
        closed = true;
        stopBooting();
        if (receiver.isAlive()) {
            // The receiver waits for a writer to open the FIFO; open it from a helper, so a receiver that ended
            // meanwhile (nobody left to pair with) cannot hold up the close: the helper then waits alone.
            Thread unblock = new Thread(() -> {
                try (OutputStream out = Files.newOutputStream(rshim.resolve("boot"), StandardOpenOption.WRITE)) {
                    out.flush();
                } catch (IOException e) {
                    // the device's files are gone: nobody to unblock
                }
            }, "emulated-dpu-" + identity.pciAddress() + "-close");
            unblock.setDaemon(true);
            unblock.start();
            try {
                receiver.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        console.close();
    }
}
