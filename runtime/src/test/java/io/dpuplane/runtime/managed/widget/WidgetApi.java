package io.dpuplane.runtime.managed.widget;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-memory external system behind {@link Widget}: it records every call so tests can prove what the
 * reconciler did, and can be told to fail a call.
 */
public final class WidgetApi {

    /** A widget as the external system holds it. */
    public record State(int size, String color) {
    }

    /** One call made to the external system. */
    public record Call(String verb, String name, long atNanos) {
    }

    private final Map<String, State> widgets = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final AtomicInteger observes = new AtomicInteger();
    private final Map<String, Hang> hangs = new ConcurrentHashMap<>();

    /** A call that does not answer for {@code howLong}, or until healed. */
    private record Hang(java.time.Duration howLong, java.util.concurrent.CountDownLatch healed) {
    }

    public State get(String name) {
        record("observe", name);
        observes.incrementAndGet();
        failIfTold("observe", name);
        return widgets.get(name);
    }

    public void create(String name, State state) {
        record("create", name);
        failIfTold("create", name);
        widgets.putIfAbsent(name, state);
    }

    public void update(String name, State state) {
        record("update", name);
        failIfTold("update", name);
        widgets.put(name, state);
    }

    public void delete(String name) {
        record("delete", name);
        failIfTold("delete", name);
        widgets.remove(name);
    }

    /** Changes a widget behind the reconciler's back (drift). */
    public void tamper(String name, State state) {
        widgets.put(name, state);
    }

    public State peek(String name) {
        return widgets.get(name);
    }

    /** Makes every call of a verb on a widget fail with a message until {@link #heal} is called. */
    public void failNext(String verb, String name, String message) {
        failures.put(verb + "/" + name, message);
    }

    public void heal(String verb, String name) {
        failures.remove(verb + "/" + name);
        Hang hang = hangs.remove(verb + "/" + name);
        if (hang != null) {
            hang.healed().countDown();
        }
    }

    /** Makes every call of a verb on a widget hang for a while (an unresponsive system) until healed. */
    public void hang(String verb, String name, java.time.Duration howLong) {
        hangs.put(verb + "/" + name, new Hang(howLong, new java.util.concurrent.CountDownLatch(1)));
    }

    public long count(String verb, String name) {
        return calls.stream().filter(c -> c.verb().equals(verb) && c.name().equals(name)).count();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public int observeCount() {
        return observes.get();
    }

    private void record(String verb, String name) {
        calls.add(new Call(verb, name, System.nanoTime()));
    }

    private void failIfTold(String verb, String name) {
        Hang hang = hangs.get(verb + "/" + name);
        if (hang != null) {
            try {
                // Unresponsive: answers only after howLong, or once healed (a timed wait, not a sleep).
                hang.healed().await(hang.howLong().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }
        String message = failures.get(verb + "/" + name);
        if (message != null) {
            throw new IllegalStateException(message);
        }
    }
}
