package io.dpuplane.agent.emulator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a bf.cfg the emulated DPU acts on: shell-style {@code KEY=value} lines, among them the
 * DPU-cluster join ({@code DPUPLANE_NODE_NAME}, {@code DPUPLANE_API_SERVER}, {@code DPUPLANE_CA_CERT_B64},
 * {@code DPUPLANE_BOOTSTRAP_TOKEN}).
 */
public record BfCfg(Map<String, String> values) {

    public static BfCfg parse(byte[] bytes) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            String trimmed = line.strip();
            int eq = trimmed.indexOf('=');
            if (!trimmed.startsWith("#") && eq > 0) {
                String value = trimmed.substring(eq + 1).strip();
                if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                        || value.startsWith("'") && value.endsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                }
                values.put(trimmed.substring(0, eq).strip(), value);
            }
        }
        return new BfCfg(Map.copyOf(values));
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isEmpty());
    }

    /** The cluster join, when the bf.cfg carries one. */
    public Optional<ClusterJoin> join() {
        return get("DPUPLANE_NODE_NAME").flatMap(node -> get("DPUPLANE_API_SERVER").flatMap(server ->
                get("DPUPLANE_BOOTSTRAP_TOKEN").map(token ->
                        new ClusterJoin(node, server, get("DPUPLANE_CA_CERT_B64").orElse(null), token))));
    }

    /** How a DPU joins its DPU cluster. */
    public record ClusterJoin(String nodeName, String apiServer, String caCertBase64, String bootstrapToken) {
    }
}
