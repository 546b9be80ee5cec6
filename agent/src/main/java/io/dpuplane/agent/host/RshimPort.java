package io.dpuplane.agent.host;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** What the agent does to a card through its rshim files: push a boot stream, reset it, read its console. */
public final class RshimPort {

    private final RshimDevice device;

    public RshimPort(RshimDevice device) {
        this.device = device;
    }

    /** Opens the {@code boot} file for a boot stream (blocks until the device reads, as a FIFO does). */
    public OutputStream openBoot() throws IOException {
        return Files.newOutputStream(device.boot(), StandardOpenOption.WRITE);
    }

    /** Resets the card ({@code SW_RESET 1} in {@code misc}). */
    public void reset() throws IOException {
        Files.writeString(device.misc(), "SW_RESET 1\n", StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** The console's last lines. */
    public List<String> consoleTail(int lines) {
        try {
            List<String> all = Files.readAllLines(device.dir().resolve("console"));
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    public Path directory() {
        return device.dir();
    }
}
