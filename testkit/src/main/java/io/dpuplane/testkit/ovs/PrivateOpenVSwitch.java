package io.dpuplane.testkit.ovs;

import io.dpuplane.testkit.os.Command;
import io.dpuplane.testkit.os.NetworkNamespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A private Open vSwitch: its own ovsdb-server and ovs-vswitchd, with run, log and database files in a
 * temporary directory, running in a network namespace of its own, so it never meets a system OVS or another
 * private one (the userspace datapath's devices would collide). Bridges use the {@code netdev} datapath,
 * which needs no kernel module. Internal ports are handed to the root namespace, ready to be moved into a
 * test's namespaces. Stopped and removed on close.
 */
public final class PrivateOpenVSwitch implements AutoCloseable {

    private static final Path SCHEMA = Path.of("/usr/share/openvswitch/vswitch.ovsschema");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final Map<String, String> env;
    private final NetworkNamespace namespace;

    private PrivateOpenVSwitch(Path dir, NetworkNamespace namespace) {
        this.dir = dir;
        this.namespace = namespace;
        String d = dir.toString();
        this.env = Map.of("OVS_RUNDIR", d, "OVS_LOGDIR", d, "OVS_DBDIR", d, "OVS_SYSCONFDIR", d);
    }

    /** Starts ovsdb-server and ovs-vswitchd in a new temporary directory. */
    public static PrivateOpenVSwitch start() {
        if (!Files.isRegularFile(SCHEMA)) {
            throw new IllegalStateException("Open vSwitch is not installed (no " + SCHEMA
                    + "): apt-get install openvswitch-switch (.ci/run does this)");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("dpuplane-ovs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PrivateOpenVSwitch ovs = new PrivateOpenVSwitch(dir, NetworkNamespace.create("ovs"));
        try {
            ovs.host("ovsdb-tool", "create", dir.resolve("conf.db").toString(), SCHEMA.toString());
            ovs.daemon("ovsdb-server", dir.resolve("conf.db").toString(), "--remote=punix:" + ovs.dbSocket(),
                    "--pidfile=" + dir.resolve("ovsdb-server.pid"), "--unixctl=" + ovs.control("ovsdb-server"),
                    "--log-file=" + dir.resolve("ovsdb-server.log"), "--detach");
            ovs.vsctl("--no-wait", "init");
            ovs.daemon("ovs-vswitchd", "unix:" + ovs.dbSocket(), "--pidfile=" + dir.resolve("ovs-vswitchd.pid"),
                    "--unixctl=" + ovs.control("ovs-vswitchd"), "--log-file=" + dir.resolve("ovs-vswitchd.log"),
                    "--detach");
            return ovs;
        } catch (RuntimeException e) {
            ovs.close();
            throw e;
        }
    }

    public Path dir() {
        return dir;
    }

    /** The OVSDB socket, for {@code ovs-vsctl --db=unix:...} and the agent. */
    public Path dbSocket() {
        return dir.resolve("db.sock");
    }

    /** The environment that points the OVS command-line tools at this instance. */
    public Map<String, String> environment() {
        return env;
    }

    /** Creates a bridge on the userspace ({@code netdev}) datapath. */
    public void addBridge(String bridge) {
        vsctl("add-br", bridge, "--", "set", "bridge", bridge, "datapath_type=netdev");
    }

    /** Adds an internal port: a tap device in the root namespace that a test can move into a namespace. */
    public void addInternalPort(String bridge, String port) {
        vsctl("add-port", bridge, port, "--", "set", "interface", port, "type=internal");
        awaitLink(port);
        Command.run("ip", "-n", namespace.name(), "link", "set", port, "netns", "1");
    }

    /** The namespace the daemons (and the datapath's own devices) live in. */
    public NetworkNamespace namespace() {
        return namespace;
    }

    /** ovs-vswitchd creates the tap device a moment after the database says so; wait for it to exist. */
    private void awaitLink(String port) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Command.exec(List.of("ip", "-n", namespace.name(), "link", "show", port), Map.of(),
                Duration.ofSeconds(10)).succeeded()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ovs-vswitchd did not create the tap device " + port + " within 20 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Runs {@code ovs-vsctl} against this instance. */
    public String vsctl(String... args) {
        List<String> command = new ArrayList<>(List.of("ovs-vsctl", "--db=unix:" + dbSocket(), "--timeout=20"));
        command.addAll(List.of(args));
        return Command.exec(command, env, TIMEOUT).orThrow().stdout();
    }

    /** Runs {@code ovs-ofctl <verb> <bridge> args...} against this instance's bridge. */
    public String ofctl(String verb, String bridge, String... args) {
        List<String> command = new ArrayList<>(List.of("ovs-ofctl", verb, "unix:" + dir.resolve(bridge + ".mgmt")));
        command.addAll(List.of(args));
        return Command.exec(command, env, TIMEOUT).orThrow().stdout();
    }

    private Path control(String daemon) {
        return dir.resolve(daemon + ".ctl");
    }

    private void host(String... command) {
        Command.exec(List.of(command), env, TIMEOUT).orThrow();
    }

    private void daemon(String... command) {
        List<String> inNamespace = new ArrayList<>(List.of("ip", "netns", "exec", namespace.name()));
        inNamespace.addAll(List.of(command));
        Command.exec(inNamespace, env, TIMEOUT).orThrow();
    }

    @Override
    public void close() {
        for (String daemon : List.of("ovs-vswitchd", "ovsdb-server")) {
            if (Files.exists(control(daemon))) {
                Command.exec(List.of("ovs-appctl", "-t", control(daemon).toString(), "exit"), env, TIMEOUT);
            }
        }
        namespace.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
