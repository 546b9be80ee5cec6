package io.dpuplane.agent.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the rshim devices under a device root (default {@code /dev}; the emulator points it elsewhere):
 * every {@code rshim<N>} directory with a {@code boot} and a {@code misc} file, mapped to its PCI address
 * through the {@code DEV_NAME} line of {@code misc}.
 */
public final class RshimDiscovery {

    private static final Pattern RSHIM_DIR = Pattern.compile("rshim(\\d+)");
    private static final Pattern DEV_NAME = Pattern.compile("^DEV_NAME\\s+(?:pcie-)?(\\S+)\\s*$", Pattern.MULTILINE);

    private final Path deviceRoot;

    public RshimDiscovery(Path deviceRoot) {
        this.deviceRoot = deviceRoot;
    }

    /** The devices present now, ordered by rshim index. */
    public List<RshimDevice> discover() {
        if (!Files.isDirectory(deviceRoot)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(deviceRoot)) {
            return entries.filter(RshimDiscovery::isRshim)
                    .sorted(Comparator.comparingInt(RshimDiscovery::index))
                    .map(dir -> new RshimDevice(dir.getFileName().toString(), dir, pciAddress(dir.resolve("misc"))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list rshim devices under " + deviceRoot, e);
        }
    }

    private static boolean isRshim(Path dir) {
        return RSHIM_DIR.matcher(dir.getFileName().toString()).matches() && Files.isDirectory(dir)
                && Files.exists(dir.resolve("boot")) && Files.exists(dir.resolve("misc"));
    }

    private static int index(Path dir) {
        Matcher m = RSHIM_DIR.matcher(dir.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }

    private static Optional<String> pciAddress(Path misc) {
        try {
            Matcher m = DEV_NAME.matcher(Files.readString(misc));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
