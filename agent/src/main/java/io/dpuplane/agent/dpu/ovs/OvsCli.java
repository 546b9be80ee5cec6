package io.dpuplane.agent.dpu.ovs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@link OvsClient} over the OVS command-line tools, all found through the OVS run directory
 * ({@code /var/run/openvswitch} on a DPU, a temporary directory in tests): {@code ovsdb-client transact}
 * against the database socket to read (one transaction for every table) and to change external_ids;
 * {@code ovs-vsctl} for the changes ovs-vswitchd must act on (it waits until it has); {@code ovs-ofctl}
 * against each bridge's management socket for flows.
 */
public final class OvsCli implements OvsClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BRIDGE_COLUMNS = List.of("_uuid", "name", "datapath_type", "fail_mode",
            "external_ids", "ports");
    private static final List<String> PORT_COLUMNS = List.of("_uuid", "name", "external_ids", "interfaces");
    private static final int CHANGES_PER_TRANSACTION = 100;
    private static final List<String> INTERFACE_COLUMNS = List.of("_uuid", "name", "type", "ofport", "mac_in_use", "error",
            "external_ids", "options");

    private final Path runDir;
    private final Duration timeout;
    private final Map<String, String> environment;
    private final ProcessRunner runner;

    public OvsCli(Path runDir, Map<String, String> environment, Duration timeout) {
        this.runDir = runDir;
        this.timeout = timeout;
        this.environment = Map.copyOf(environment);
        this.runner = new ProcessRunner(environment, timeout.plusSeconds(5));
    }

    @Override
    public OvsSnapshot read(Collection<String> bridges) {
        ArrayNode transaction = JSON.createArrayNode().add("Open_vSwitch");
        transaction.add(select("Bridge", BRIDGE_COLUMNS)).add(select("Port", PORT_COLUMNS))
                .add(select("Interface", INTERFACE_COLUMNS));
        List<List<Map<String, JsonNode>>> tables = OvsdbJson.selected(transact(transaction));
        Map<String, String> portNames = new HashMap<>();
        Map<String, String> interfaceNames = new HashMap<>();
        for (Map<String, JsonNode> row : tables.get(1)) {
            portNames.put(OvsdbJson.string(row.get("_uuid")), OvsdbJson.string(row.get("name")));
        }
        for (Map<String, JsonNode> row : tables.get(2)) {
            interfaceNames.put(OvsdbJson.string(row.get("_uuid")), OvsdbJson.string(row.get("name")));
        }
        Map<String, OvsSnapshot.Bridge> bridgeRows = new TreeMap<>();
        Map<String, String> bridgeOfPort = new HashMap<>();
        for (Map<String, JsonNode> row : tables.get(0)) {
            String name = OvsdbJson.string(row.get("name"));
            List<String> ports = OvsdbJson.strings(row.get("ports")).stream().map(portNames::get).sorted().toList();
            ports.forEach(p -> bridgeOfPort.put(p, name));
            if (bridges.contains(name)) {
                bridgeRows.put(name, new OvsSnapshot.Bridge(name, OvsdbJson.string(row.get("datapath_type")),
                        OvsdbJson.string(row.get("fail_mode")), OvsdbJson.map(row.get("external_ids")), ports));
            }
        }
        Map<String, OvsSnapshot.Port> ports = new TreeMap<>();
        for (Map<String, JsonNode> row : tables.get(1)) {
            String name = OvsdbJson.string(row.get("name"));
            ports.put(name, new OvsSnapshot.Port(name, bridgeOfPort.get(name), OvsdbJson.map(row.get("external_ids")),
                    OvsdbJson.strings(row.get("interfaces")).stream().map(interfaceNames::get).sorted().toList()));
        }
        Map<String, OvsSnapshot.Interface> interfaces = new TreeMap<>();
        for (Map<String, JsonNode> row : tables.get(2)) {
            String name = OvsdbJson.string(row.get("name"));
            interfaces.put(name, new OvsSnapshot.Interface(name, OvsdbJson.string(row.get("type")),
                    OvsdbJson.integer(row.get("ofport"), 0), OvsdbJson.string(row.get("mac_in_use")),
                    OvsdbJson.string(row.get("error")), OvsdbJson.map(row.get("external_ids")),
                    OvsdbJson.map(row.get("options"))));
        }
        return new OvsSnapshot(bridgeRows, ports, interfaces);
    }

    private static ObjectNode select(String table, List<String> columns) {
        ObjectNode op = JSON.createObjectNode().put("op", "select").put("table", table);
        op.putArray("where");
        ArrayNode cols = op.putArray("columns");
        columns.forEach(cols::add);
        return op;
    }

    /**
     * Applies port and bridge changes with ovs-vsctl, {@value #CHANGES_PER_TRANSACTION} to a call (ovs-vsctl
     * re-checks its whole cache after each command, so one huge call takes quadratic time: 2,000 port changes
     * in one call run into its timeout), and external_ids changes with one ovsdb-client transaction.
     */
    @Override
    public void apply(List<OvsChange> changes) {
        List<OvsChange> commands = changes.stream().filter(c -> !(c instanceof OvsChange.ExternalIds)).toList();
        for (int from = 0; from < commands.size(); from += CHANGES_PER_TRANSACTION) {
            List<String> args = new ArrayList<>();
            for (OvsChange change : commands.subList(from, Math.min(commands.size(), from + CHANGES_PER_TRANSACTION))) {
                args.add("--");
                args.addAll(command(change));
            }
            vsctl(args);
        }
        // external_ids need nothing of ovs-vswitchd, so they go straight to the database, in one transaction
        ArrayNode transaction = JSON.createArrayNode().add("Open_vSwitch");
        changes.stream().filter(c -> c instanceof OvsChange.ExternalIds).map(OvsChange.ExternalIds.class::cast)
                .forEach(m -> mutations(m, transaction));
        if (transaction.size() > 1) {
            OvsdbJson.checkTransaction(transact(transaction));
        }
    }

    /** Deletes the keys being set or removed, then inserts the new values (a map insert never overwrites). */
    private static void mutations(OvsChange.ExternalIds change, ArrayNode transaction) {
        Set<String> replaced = new TreeSet<>(change.remove());
        replaced.addAll(change.set().keySet());
        if (!replaced.isEmpty()) {
            ArrayNode keys = JSON.createArrayNode();
            replaced.forEach(keys::add);
            transaction.add(mutate(change, "delete", JSON.createArrayNode().add("set").add(keys)));
        }
        if (!change.set().isEmpty()) {
            ArrayNode pairs = JSON.createArrayNode();
            new TreeMap<>(change.set()).forEach((k, v) -> pairs.add(JSON.createArrayNode().add(k).add(v)));
            transaction.add(mutate(change, "insert", JSON.createArrayNode().add("map").add(pairs)));
        }
    }

    private static ObjectNode mutate(OvsChange.ExternalIds change, String mutator, ArrayNode value) {
        ObjectNode op = JSON.createObjectNode().put("op", "mutate").put("table", change.table());
        op.putArray("where").add(JSON.createArrayNode().add("name").add("==").add(change.record()));
        op.putArray("mutations").add(JSON.createArrayNode().add("external_ids").add(mutator).add(value));
        return op;
    }

    @Override
    public List<InstalledFlow> dumpFlows(String bridge) {
        String out = ofctl(List.of("--no-stats", "--no-names", "dump-flows", target(bridge)), null);
        return out.lines().map(InstalledFlow::parse).flatMap(java.util.Optional::stream).toList();
    }

    @Override
    public void bundle(String bridge, List<String> flowMods) {
        if (flowMods.isEmpty()) {
            return;
        }
        ofctl(List.of("--bundle", "add-flows", target(bridge), "-"), String.join("\n", flowMods) + "\n");
    }

    @Override
    public AutoCloseable watch(Runnable onChange) {
        return new OvsdbMonitor(runDir.resolve("db.sock"), environment, onChange);
    }

    private List<String> command(OvsChange change) {
        List<String> c = new ArrayList<>();
        if (change instanceof OvsChange.EnsureBridge b) {
            c.addAll(List.of("--may-exist", "add-br", b.bridge(), "--", "set", "Bridge", b.bridge(),
                    "fail_mode=" + b.failMode()));
            if (b.datapathType() != null) {
                c.add("datapath_type=" + b.datapathType());
            }
        } else if (change instanceof OvsChange.AddPort p) {
            c.addAll(List.of("--may-exist", "add-port", p.bridge(), p.port()));
            if (!p.type().isEmpty() || !p.options().isEmpty()) {
                c.addAll(List.of("--", "set", "Interface", p.port()));
                if (!p.type().isEmpty()) {
                    c.add("type=" + p.type());
                }
                new TreeMap<>(p.options()).forEach((k, v) -> c.add("options:" + quote(k) + "=" + quote(v)));
            }
            if (!p.externalIds().isEmpty()) {
                c.addAll(List.of("--", "set", "Port", p.port()));
                new TreeMap<>(p.externalIds()).forEach((k, v) -> c.add("external_ids:" + quote(k) + "=" + quote(v)));
            }
        } else if (change instanceof OvsChange.SetInterface i) {
            c.addAll(List.of("set", "Interface", i.iface(), "type=" + i.type(), "options=" + map(i.options())));
        } else if (change instanceof OvsChange.DeletePort d) {
            c.addAll(List.of("--if-exists", "del-port", d.bridge(), d.port()));
        } else {
            throw new IllegalArgumentException("unknown OVS change " + change);
        }
        return c;
    }

    private static String map(Map<String, String> values) {
        StringBuilder out = new StringBuilder("{");
        new TreeMap<>(values).forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append(quote(k)).append('=')
                .append(quote(v)));
        return out.append('}').toString();
    }

    /** OVSDB string syntax: a JSON string, so any value survives ovs-vsctl's parser. */
    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : value.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.append('"').toString();
    }

    private String target(String bridge) {
        return "unix:" + runDir.resolve(bridge + ".mgmt");
    }

    private String vsctl(List<String> args) {
        List<String> command = new ArrayList<>(List.of("ovs-vsctl", "--db=unix:" + runDir.resolve("db.sock"),
                "--timeout=" + Math.max(1, timeout.toSeconds())));
        command.addAll(args);
        return checked(runner.run(command, null));
    }

    private String transact(ArrayNode transaction) {
        return checked(runner.run(List.of("ovsdb-client", "--timeout=" + Math.max(1, timeout.toSeconds()), "transact",
                "unix:" + runDir.resolve("db.sock"), transaction.toString()), null));
    }

    private String ofctl(List<String> args, String stdin) {
        List<String> command = new ArrayList<>(List.of("ovs-ofctl", "-t", String.valueOf(Math.max(1, timeout.toSeconds()))));
        command.addAll(args);
        return checked(runner.run(command, stdin));
    }

    private static String checked(ProcessRunner.Result result) {
        if (!result.succeeded()) {
            String said = (result.stderr().isBlank() ? result.stdout() : result.stderr()).strip();
            throw new OvsException(result.command().get(0) + ": " + said.replaceFirst("^(ovs-vsctl|ovs-ofctl|ovsdb-client): ", ""));
        }
        return result.stdout();
    }
}
