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

    private final Path sysRoot;
    private final RshimDiscovery rshims;

    public HostDiscovery(Path devRoot, Path sysRoot) {
        this.sysRoot = sysRoot;
        this.rshims = new RshimDiscovery(devRoot);
    }

    public List<HostDevice> discover() {
        Path devices = sysRoot.resolve("bus/pci/devices");
        if (!Files.isDirectory(devices)) {
            return List.of();
        }
        Map<String, RshimDevice> byPci = rshims.discover().stream().filter(r -> r.pciAddress().isPresent())
                .collect(Collectors.toMap(r -> r.pciAddress().get(), Function.identity(), (a, b) -> a));
        try (Stream<Path> functions = Files.list(devices)) {
            return functions.filter(f -> f.getFileName().toString().endsWith(".0")).sorted()
                    .map(f -> device(f, byPci)).flatMap(Optional::stream).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list PCI devices under " + devices, e);
        }
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
