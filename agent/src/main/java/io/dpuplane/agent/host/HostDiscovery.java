package io.dpuplane.agent.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the BlueFields of this host: PCI functions of vendor 15b3 with a BlueField device id under a sysfs
 * root (the first function of each card), identified by their VPD, each matched to the rshim device whose
 * {@code misc} names its PCI address. Roots are configurable so the emulator's files read the same way.
 */
public final class HostDiscovery {

    // How long a PCI address -> rshim match is trusted without looking again (an install starting on each of a
    // host's cards at once then looks once, not once per card).
    private static final long RECENT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

    private final Path sysRoot;
    private final RshimDiscovery rshims;
    private volatile Recent recent = new Recent(Map.of(), 0);

    /** The rshim devices by the PCI address they name, and when they were read. */
    private record Recent(Map<String, RshimDevice> byPci, long readAt) {
    }

    public HostDiscovery(Path devRoot, Path sysRoot) {
        this.sysRoot = sysRoot;
        this.rshims = new RshimDiscovery(devRoot);
    }

    /**
     * The rshim device of the card at {@code pciAddress}, read from the rshim devices (not the whole PCI tree); a
     * match read in the last 10 s is taken again, an address not among them makes it look again.
     */
    public Optional<RshimDevice> rshimOf(String pciAddress) {
        Recent known = recent;
        RshimDevice device = known.byPci().get(pciAddress);
        if (device != null && System.nanoTime() - known.readAt() < RECENT_NANOS) {
            return Optional.of(device);
        }
        Map<String, RshimDevice> byPci = rshimsByPci();
        recent = new Recent(byPci, System.nanoTime());
        return Optional.ofNullable(byPci.get(pciAddress));
    }

    public List<HostDevice> discover() {
        Path devices = sysRoot.resolve("bus/pci/devices");
        if (!Files.isDirectory(devices)) {
            return List.of();
        }
        Map<String, RshimDevice> byPci = rshimsByPci();
        try (Stream<Path> functions = Files.list(devices)) {
            return functions.filter(f -> f.getFileName().toString().endsWith(".0")).sorted()
                    .map(f -> device(f, byPci)).flatMap(Optional::stream).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list PCI devices under " + devices, e);
        }
    }

    /** The rshim devices that name a PCI address, by that address (the first, should two name the same). */
    private Map<String, RshimDevice> rshimsByPci() {
        return rshims.discover().stream().filter(r -> r.pciAddress().isPresent())
                .collect(Collectors.toMap(r -> r.pciAddress().get(), Function.identity(), (a, b) -> a));
    }

    private static Optional<HostDevice> device(Path function, Map<String, RshimDevice> byPci) {
        String vendor = read(function.resolve("vendor")).replace("0x", "");
        String deviceId = read(function.resolve("device")).replace("0x", "");
        Optional<DpuModel> model = DpuModel.ofPciDevice(deviceId);
        if (!DpuModel.MELLANOX_VENDOR.equals(vendor) || model.isEmpty()) {
            return Optional.empty();
        }
        PciVpd vpd = vpd(function.resolve("vpd"));
        String address = function.getFileName().toString();
        return Optional.of(new HostDevice(address, model.get(), deviceId, vpd.keywords().getOrDefault("SN", ""),
                vpd.keywords().get("PN"), Optional.ofNullable(byPci.get(address))));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip().toLowerCase();
        } catch (IOException e) {
            return "";
        }
    }

    private static PciVpd vpd(Path file) {
        try {
            return PciVpd.parse(Files.readAllBytes(file));
        } catch (IOException e) {
            return new PciVpd("", Map.of());
        }
    }
}
