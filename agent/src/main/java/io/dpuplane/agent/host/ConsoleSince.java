package io.dpuplane.agent.host;

import java.util.List;

/**
 * The console lines a card has printed since a moment, told apart from older ones by the last line there was
 * then. An install judges the boot by these only: a failure an earlier attempt left on the console must not
 * fail the next one. If that line has scrolled out of the tail, every line of the tail is new; if the same text
 * is printed again later, only what follows the latest copy counts (a line lost, never an old one taken).
 */
final class ConsoleSince {

    private final String lastBefore;

    private ConsoleSince(String lastBefore) {
        this.lastBefore = lastBefore;
    }

    /** From now on: remembers the console's current last line. */
    static ConsoleSince now(RshimPort port) {
        List<String> tail = port.consoleTail(1);
        return new ConsoleSince(tail.isEmpty() ? null : tail.get(0));
    }

    /** The lines of {@code tail} printed after the moment. */
    List<String> of(List<String> tail) {
        if (lastBefore == null) {
            return tail;
        }
        int at = tail.lastIndexOf(lastBefore);
        return at < 0 ? tail : tail.subList(at + 1, tail.size());
    }
}
