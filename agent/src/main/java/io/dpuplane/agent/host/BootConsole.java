package io.dpuplane.agent.host;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the console lines printed since an install's stream began say of its boot. The first telling line
 * decides: a reset (the install causes none while the card boots, so someone else did), a boot error, or "DPU is
 * up: DOCA 2.9.1" — which must name the DOCA version of the image the install streamed, since a card reset behind
 * the agent's back comes up too, running what it had before. A bare "DPU is up" names nothing to check, so it
 * counts only for an image that names no version either.
 */
final class BootConsole {

    private static final Pattern UP = Pattern.compile("DPU is up(?:: DOCA (\\S+))?");

    /** The verdict so far. */
    sealed interface Verdict permits Booting, Up, Failed {
    }

    /** Nothing telling yet. */
    record Booting() implements Verdict {
    }

    /** Up, running the streamed image. */
    record Up() implements Verdict {
    }

    /** The install failed; {@code why} is for the operation's error. */
    record Failed(String why) implements Verdict {
    }

    private BootConsole() {
    }

    /**
     * Judges {@code fresh} (the lines since the stream began, oldest first) for an image of DOCA {@code streamedDoca}
     * (null when the image does not say, and then any version is taken).
     */
    static Verdict judge(List<String> fresh, String streamedDoca) {
        for (String line : fresh) {
            String text = withoutTimestamp(line);
            if (text.contains("SW_RESET")) {
                return new Failed("the card was reset by someone else during the install (console: " + text + ")");
            }
            if (text.contains("ERROR") || text.contains("rejected") || text.contains("power lost")) {
                return new Failed("the DPU failed to boot: " + text);
            }
            Matcher up = UP.matcher(text);
            if (up.find() && (up.group(1) != null || streamedDoca == null)) {
                return up(up.group(1), streamedDoca, text);
            }
        }
        return new Booting();
    }

    private static Verdict up(String runningDoca, String streamedDoca, String text) {
        if (streamedDoca == null || streamedDoca.equals(runningDoca)) {
            return new Up();
        }
        return new Failed("the DPU came up running DOCA " + runningDoca + ", not the DOCA " + streamedDoca
                + " this install streamed (console: " + text + ")");
    }

    /** A console line as a user reads it: without the timestamp it starts with. */
    static String withoutTimestamp(String line) {
        // What "^\\S+ " would take off, without a regular expression: read for every line of every booting card.
        int i = 0;
        while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i > 0 && i < line.length() && line.charAt(i) == ' ' ? line.substring(i + 1) : line;
    }
}
