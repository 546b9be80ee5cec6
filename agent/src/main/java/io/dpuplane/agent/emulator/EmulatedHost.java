package io.dpuplane.agent.emulator;

import io.dpuplane.agent.host.DpuModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A host full of emulated BlueFields under one directory: {@code dev/} with their rshim devices and
 * {@code sys/} with their PCI functions, exactly where a host agent looks (its device and sysfs roots).
 * Many hosts fit in one process; each DPU costs a few threads and files, and the host one thread that tells
 * its cards of resets written to them.
 */
public final class EmulatedHost implements AutoCloseable {

    private final String name;
    private final Path root;
    private final List<EmulatedDpu> dpus = new ArrayList<>();
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final MiscWatch misc;

    private EmulatedHost(String name, Path root) {
        this.name = name;
        this.root = root;
        this.misc = new MiscWatch(name);
        owned.add(misc);
    }

    /** A host with {@code count} BlueField-3 cards at buses 03, 04, ... and rshim0, rshim1, .... */
    public static EmulatedHost start(String name, Path root, int count, double timeScale) {
        KubeletCredentials kubelets = KubeletCredentials.bootstrapTokenOnly();
        EmulatedHost host = start(name, root, count, timeScale, kubelets);
        host.owned.add(kubelets);
        return host;
    }

    /** The same, whose DPUs' kubelets keep working with {@code kubelet} once joined (see {@link KubeletCredentials}). */
    public static EmulatedHost start(String name, Path root, int count, double timeScale, KubeletCredentials kubelet) {
        EmulatedHost host = new EmulatedHost(name, root);
        try {
            Files.createDirectories(host.devRoot());
            Files.createDirectories(host.sysRoot());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < count; i++) {
            String pci = String.format(Locale.ROOT, "0000:%02x:00.0", 3 + i);
            String serial = String.format(Locale.ROOT, "MT%04dX%05d", Math.abs(name.hashCode()) % 10000, i);
            host.dpus.add(new EmulatedDpu(new DeviceIdentity(pci, i, DpuModel.BLUEFIELD_3, serial, "900-9D3B6-00CV-AA0"),
                    host.devRoot(), host.sysRoot(), timeScale, DeviceFaults.none(), kubelet, host.misc));
        }
        return host;
    }

    public String name() {
        return name;
    }

    /** The device root a host agent is pointed at (instead of {@code /dev}). */
    public Path devRoot() {
        return root.resolve("dev");
    }

    /** The sysfs root a host agent is pointed at (instead of {@code /sys}). */
    public Path sysRoot() {
        return root.resolve("sys");
    }

    public List<EmulatedDpu> dpus() {
        return List.copyOf(dpus);
    }

    public EmulatedDpu dpu(String pciAddress) {
        return dpus.stream().filter(d -> d.identity().pciAddress().equals(pciAddress)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no emulated DPU at " + pciAddress));
    }

    @Override
    public void close() {
        dpus.forEach(EmulatedDpu::close);
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                // closing what the host made for its cards: nothing to do about a failure
            }
        }
    }
}
