package io.dpuplane.agent.host;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A card's console, read by one thread for as long as the agent runs. rshim's {@code console} is a character device
 * (a tty, as {@code screen /dev/rshim0/console} shows): it has no size and no past, and a read waits until the card
 * prints. So it is read as a stream, blocking — no polling, no CPU while a card boots quietly — and the tap keeps
 * what was printed: the last lines for an operation's record and errors, and enough history for each
 * {@link Follower} to see every line printed after it began to follow. A console that ends (the device went away) is
 * opened again after a pause. What the device holds from before the tap opened it is read first and counts as old.
 */
final class ConsoleTap {

    private static final Map<Path, ConsoleTap> TAPS = new ConcurrentHashMap<>();
    private static final int HISTORY = 256;
    private static final int READ = 8192;
    private static final Duration REOPEN = Duration.ofSeconds(1);
    private static final Duration BACKLOG_WAIT = Duration.ofSeconds(2);

    private final Path console;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition printed = lock.newCondition();
    private final ArrayDeque<String> history = new ArrayDeque<>(HISTORY);
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    /** How many complete lines the tap has read so far; a line's number is its position in that count. */
    private long lines;
    /** Bytes the console held when it was opened, still to read before the tap has caught up with the present. */
    private long backlog = -1;

    private ConsoleTap(Path console) {
        this.console = console;
    }

    /** The tap of this console, started on first use and shared by everyone who reads the card. */
    static ConsoleTap of(Path console) {
        return TAPS.computeIfAbsent(console.toAbsolutePath(), c -> {
            ConsoleTap tap = new ConsoleTap(c);
            Thread reader = new Thread(tap::readForever, "console-" + c.getParent().getFileName());
            reader.setDaemon(true);
            reader.start();
            return tap;
        });
    }

    /** Follows the console from now on: the lines printed from here are new, what came before is not. */
    Follower follow() {
        lock.lock();
        try {
            long deadline = System.nanoTime() + BACKLOG_WAIT.toNanos();
            // Until the tap has read what the device held when it was opened, "now" is not known yet.
            while (backlog != 0 && System.nanoTime() < deadline) {
                printed.awaitNanos(deadline - System.nanoTime());
            }
            return new Follower(lines);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Follower(lines);
        } finally {
            lock.unlock();
        }
    }

    /** The console's last lines, new or not (what an operation shows). */
    List<String> tail(int count) {
        lock.lock();
        try {
            List<String> all = new ArrayList<>(history);
            return List.copyOf(all.subList(Math.max(0, all.size() - count), all.size()));
        } finally {
            lock.unlock();
        }
    }

    private void readForever() {
        try {
            while (true) {
                try (FileInputStream in = new FileInputStream(console.toFile())) {
                    read(in, Files.isRegularFile(console));
                } catch (IOException e) {
                    if (!Files.isDirectory(console.getParent())) {
                        // The device is gone for good (its directory with it): nothing left to read.
                        TAPS.remove(console, this);
                        caughtUp();
                        return;
                    }
                    // not there yet, or going: looked for again after the pause
                }
                caughtUp();
                Thread.sleep(REOPEN.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Reads until the console ends. A device or FIFO ends when the card's side closed; a plain file (a console
     * captured to disk) is followed as {@code tail -f} does, looking again after each pause.
     */
    private void read(FileInputStream in, boolean plainFile) throws IOException, InterruptedException {
        opened(waiting(in));
        byte[] buffer = new byte[READ];
        while (true) {
            int n = in.read(buffer);
            if (n > 0) {
                took(buffer, n);
            } else if (n < 0 && plainFile) {
                caughtUp();
                Thread.sleep(REOPEN.toMillis());
            } else if (n < 0) {
                return;
            }
        }
    }

    /** What the console holds already (a device that cannot say counts as holding nothing). */
    private static long waiting(FileInputStream in) {
        try {
            return in.available();
        } catch (IOException e) {
            return 0;
        }
    }

    private void opened(long waiting) {
        lock.lock();
        try {
            backlog = waiting;
            partial.reset();
            printed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void caughtUp() {
        lock.lock();
        try {
            backlog = 0;
            printed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void took(byte[] bytes, int length) {
        lock.lock();
        try {
            int start = 0;
            for (int i = 0; i < length; i++) {
                if (bytes[i] == '\n') {
                    partial.write(bytes, start, i - start);
                    line(partial.toString(StandardCharsets.UTF_8));
                    partial.reset();
                    start = i + 1;
                }
            }
            partial.write(bytes, start, length - start);
            backlog = Math.max(0, backlog - length);
            printed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void line(String line) {
        if (history.size() == HISTORY) {
            history.removeFirst();
        }
        history.addLast(line);
        lines++;
    }

    /** One reader's place in the console: each line printed after it began is returned once. */
    final class Follower {

        private long next;

        private Follower(long from) {
            this.next = from;
        }

        /**
         * The lines printed since the last call (complete lines only, oldest first), waiting up to {@code atMost} for
         * the first; empty when nothing was printed meanwhile. A follower that fell more than the history behind
         * gets what the history still holds.
         */
        List<String> next(Duration atMost) throws InterruptedException {
            lock.lock();
            try {
                long deadline = System.nanoTime() + atMost.toNanos();
                while (lines <= next && System.nanoTime() < deadline) {
                    printed.awaitNanos(deadline - System.nanoTime());
                }
                long oldest = lines - history.size();
                long from = Math.max(next, oldest);
                List<String> fresh = new ArrayList<>((int) (lines - from));
                long at = oldest;
                for (String line : history) {
                    if (at++ >= from) {
                        fresh.add(line);
                    }
                }
                next = lines;
                return fresh;
            } finally {
                lock.unlock();
            }
        }
    }
}
