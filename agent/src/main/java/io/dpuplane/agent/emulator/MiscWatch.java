package io.dpuplane.agent.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Tells an emulated host's cards when something wrote their {@code misc} file (a reset request), as the kernel
 * tells it (inotify), instead of each card looking at its file on a timer: a thousand cards looking twice a second
 * were two thousand wake-ups and file reads a second on the CPU the control plane under test runs on. A card also
 * looks now and then regardless ({@link #BACKSTOP}), should the kernel's queue of changes have overflowed.
 */
final class MiscWatch implements AutoCloseable {

    static final Duration BACKSTOP = Duration.ofSeconds(5);
    private static final String MISC = "misc";

    private final WatchService service;
    private final Map<WatchKey, Runnable> cards = new ConcurrentHashMap<>();
    private final Thread thread;

    MiscWatch(String host) {
        try {
            this.service = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch the emulated devices of " + host, e);
        }
        this.thread = new Thread(this::dispatch, "emulated-host-" + host + "-misc");
        thread.setDaemon(true);
        thread.start();
    }

    /** Calls {@code changed} whenever {@code rshim/misc} may have changed (and at least every {@link #BACKSTOP}). */
    void register(Path rshim, Runnable changed) {
        try {
            cards.put(rshim.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY),
                    changed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + rshim.resolve(MISC), e);
        }
    }

    private void dispatch() {
        long backstop = System.nanoTime() + BACKSTOP.toNanos();
        while (true) {
            WatchKey key;
            try {
                key = service.poll(Math.max(1, backstop - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException | ClosedWatchServiceException e) {
                // closed: the service's next poll says so, wherever the thread was when it happened
                return;
            }
            if (key != null) {
                boolean overflow = false;
                boolean misc = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    overflow |= event.kind() == StandardWatchEventKinds.OVERFLOW;
                    misc |= event.context() instanceof Path p && p.toString().equals(MISC);
                }
                key.reset();
                if (overflow) {
                    cards.values().forEach(MiscWatch::tell);
                } else if (misc) {
                    tell(cards.get(key));
                }
            }
            if (System.nanoTime() - backstop >= 0) {
                cards.values().forEach(MiscWatch::tell);
                backstop = System.nanoTime() + BACKSTOP.toNanos();
            }
        }
    }

    private static void tell(Runnable card) {
        if (card != null) {
            card.run();
        }
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            // closing: nothing more to tell anyone
        }
        thread.interrupt();
    }
}
