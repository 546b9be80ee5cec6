package io.dpuplane.agent.host;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One rshim device directory ({@code /dev/rshimN}): the {@code boot} file a BFB is streamed into, and the
 * {@code misc} file of key/value lines ({@code DEV_NAME} names the card's PCI address).
 */
public record RshimDevice(String name, Path dir, Optional<String> pciAddress) {

    public Path boot() {
        return dir.resolve("boot");
    }

    public Path misc() {
        return dir.resolve("misc");
    }
}
