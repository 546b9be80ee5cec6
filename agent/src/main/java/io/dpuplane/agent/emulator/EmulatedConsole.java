package io.dpuplane.agent.emulator;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An emulated card's console, as rshim's is: a character device a reader sees only as the card prints — no size,
 * no past, a read that waits. The card's side is a FIFO the emulator holds open for reading and writing, so the card
 * never waits for a reader and the console never ends while the card is there. What nobody has read yet waits in the
 * pipe, as in the device's buffer; a line the pipe has no room for is lost to the reader, as output to a console
 * nobody reads is. Every line is also kept in a log outside the device's files, for tests and benchmarks to read
 * (no real card has it).
 */
final class EmulatedConsole implements AutoCloseable {

    /** Below Linux's default pipe capacity (64 KiB), so a write never waits. */
    private static final int ROOM = 60 * 1024;

    private final Path log;
    private final RandomAccessFile device;
    private final FileInputStream unread;

    EmulatedConsole(Path fifo, Path log) throws IOException, InterruptedException {
        this.log = log;
        if (Files.exists(fifo, LinkOption.NOFOLLOW_LINKS)
                && !Files.readAttributes(fifo, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()) {
            Files.delete(fifo);
        }
        if (!Files.exists(fifo, LinkOption.NOFOLLOW_LINKS)) {
            mkfifo(fifo);
        }
        Files.createDirectories(log.getParent());
        Files.writeString(log, "");
        // Read and write: opening a FIFO so never waits for the other side (Linux), and keeps it open for readers.
        this.device = new RandomAccessFile(fifo.toFile(), "rw");
        this.unread = new FileInputStream(device.getFD());
    }

    /** Makes a FIFO, as the device files of an emulated card are. */
    static void mkfifo(Path path) throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
            throw new IOException("mkfifo " + path + " failed: " + new String(mkfifo.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8));
        }
    }

    /** The card prints a line, stamped with the time, as the emulated cards' lines are. */
    synchronized void print(String line) {
        byte[] text = (Instant.now() + " " + line + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Files.write(log, text, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the record is the emulator's own; the device goes on
        }
        try {
            if (unread.available() + text.length <= ROOM) {
                device.write(text);
            }
        } catch (IOException e) {
            // a console that cannot be written is not worth stopping the device for
        }
    }

    /** Every line the card printed, stamped (the emulator's record). */
    List<String> lines() {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public synchronized void close() {
        try {
            device.close();
        } catch (IOException e) {
            // closing: nothing left to do with it
        }
    }
}
