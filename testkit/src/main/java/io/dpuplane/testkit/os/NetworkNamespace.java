package io.dpuplane.testkit.os;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A network namespace made for a test (a stand-in for a pod or a network function), deleted on close.
 * Names get a random suffix so concurrent runs never collide.
 */
public final class NetworkNamespace implements AutoCloseable {

    private final String name;

    private NetworkNamespace(String name) {
        this.name = name;
    }

    /** Creates a namespace named {@code <prefix>-<random>} with its loopback up. */
    public static NetworkNamespace create(String prefix) {
        String name = prefix + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        Command.run("ip", "netns", "add", name);
        NetworkNamespace ns = new NetworkNamespace(name);
        ns.run("ip", "link", "set", "lo", "up");
        return ns;
    }

    public String name() {
        return name;
    }

    /** Moves a link of the root namespace into this one, gives it an address (CIDR form) and brings it up. */
    public void adopt(String link, String cidr) {
        Command.run("ip", "link", "set", link, "netns", name);
        run("ip", "addr", "add", cidr, "dev", link);
        run("ip", "link", "set", link, "up");
    }

    /** Runs a command inside this namespace, failing when it exits non-zero. */
    public Command.Result run(String... command) {
        return exec(Duration.ofSeconds(60), command).orThrow();
    }

    /** Runs a command inside this namespace and returns its result whatever its exit code. */
    public Command.Result exec(Duration timeout, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return Command.exec(full, Map.of(), timeout);
    }

    /** Whether {@code count} pings to an address all get a reply (one second wait each). */
    public boolean pings(String address, int count) {
        return exec(Duration.ofSeconds(count + 5L), "ping", "-c", String.valueOf(count), "-i", "0.2", "-W", "1",
                address).succeeded();
    }

    @Override
    public void close() {
        Command.exec(List.of("ip", "netns", "del", name), Map.of(), Duration.ofSeconds(30));
    }
}
