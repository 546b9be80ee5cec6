package io.dpuplane.agent.dpu.ovs;

import java.util.Optional;

/**
 * One flow as {@code ovs-ofctl --no-stats --no-names dump-flows} prints it: its cookie, table, priority, and
 * the printed line (OVS's own normal form, so equal flows print equally).
 */
public record InstalledFlow(long cookie, int table, int priority, String text) {

    private static final int DEFAULT_PRIORITY = 32768;

    /** Parses one dump line; headers and blank lines give nothing. */
    public static Optional<InstalledFlow> parse(String line) {
        String text = line.strip();
        int actions = text.indexOf("actions=");
        if (text.isEmpty() || actions < 0) {
            return Optional.empty();
        }
        long cookie = 0;
        int table = 0;
        int priority = DEFAULT_PRIORITY;
        for (String token : text.substring(0, actions).split("[, ]+")) {
            if (token.startsWith("cookie=")) {
                cookie = Long.parseUnsignedLong(stripHex(token.substring("cookie=".length())), 16);
            } else if (token.startsWith("table=")) {
                table = Integer.parseInt(token.substring("table=".length()));
            } else if (token.startsWith("priority=")) {
                priority = Integer.parseInt(token.substring("priority=".length()));
            }
        }
        return Optional.of(new InstalledFlow(cookie, table, priority, text));
    }

    private static String stripHex(String value) {
        return value.startsWith("0x") ? value.substring(2) : value;
    }
}
