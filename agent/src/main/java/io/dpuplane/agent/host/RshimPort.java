package io.dpuplane.agent.host;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

/** What the agent does to a card through its rshim files: push a boot stream, reset it, read its console. */
public final class RshimPort {

    private static final Duration RESET_TAKEN = Duration.ofSeconds(5);
    private static final Duration RESET_POLL = Duration.ofMillis(20);

    private final RshimDevice device;

    public RshimPort(RshimDevice device) {
        this.device = device;
    }

    /** Opens the {@code boot} file for a boot stream (blocks until the device reads, as a FIFO does). */
    public OutputStream openBoot() throws IOException {
        return Files.newOutputStream(device.boot(), StandardOpenOption.WRITE);
    }

    /**
     * Resets the card ({@code SW_RESET 1} in {@code misc}) and returns once {@code misc} no longer reads back the
     * request (the card took it), or after 5 s. Waiting keeps this reset off the console of the card's next
     * install, where it would read as someone else's.
     */
    public void reset() throws IOException {
        Files.writeString(device.misc(), "SW_RESET 1\n", StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        long deadline = System.nanoTime() + RESET_TAKEN.toNanos();
        while (resetPending() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(RESET_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean resetPending() {
        try {
            return Files.readAllLines(device.misc()).stream().anyMatch(line -> line.strip().equals("SW_RESET 1"));
        } catch (IOException e) {
            return false;
        }
    }

    /** The console from now on, read as the card prints (see {@link ConsoleTap}). */
    ConsoleTap.Follower followConsole() {
        return ConsoleTap.of(device.dir().resolve("console")).follow();
    }

    /** The console's last lines, as far as this agent has read them. */
    public List<String> consoleTail(int lines) {
        return ConsoleTap.of(device.dir().resolve("console")).tail(lines);
    }

    public Path directory() {
        return device.dir();
    }
}
