package io.dpuplane.agent.dpu.ovs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the tables {@code ovs-vsctl --format=json list ...} prints: one JSON object per command, each a
 * {@code headings} array and {@code data} rows of OVSDB atoms ({@code ["uuid", u]}, {@code ["set", [...]]},
 * {@code ["map", [[k, v], ...]]}, or a bare scalar; a set of one element is printed as that element).
 */
final class OvsdbJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OvsdbJson() {
    }

    /** The rows of each table printed, in order; a row maps a column heading to its atom. */
    static List<List<Map<String, JsonNode>>> tables(String output) {
        List<List<Map<String, JsonNode>>> tables = new ArrayList<>();
        try (MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(output)) {
            while (values.hasNext()) {
                JsonNode table = values.next();
                List<String> headings = new ArrayList<>();
                table.path("headings").forEach(h -> headings.add(h.asText()));
                List<Map<String, JsonNode>> rows = new ArrayList<>();
                for (JsonNode data : table.path("data")) {
                    Map<String, JsonNode> row = new LinkedHashMap<>();
                    for (int i = 0; i < headings.size(); i++) {
                        row.put(headings.get(i), data.get(i));
                    }
                    rows.add(row);
                }
                tables.add(rows);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ovs-vsctl JSON output", e);
        }
        return tables;
    }

    /**
     * The rows of each {@code select} in an {@code ovsdb-client transact} reply; a failed operation throws
     * with OVSDB's error and details.
     */
    static List<List<Map<String, JsonNode>>> selected(String output) {
        List<List<Map<String, JsonNode>>> results = new ArrayList<>();
        for (JsonNode result : read(output)) {
            if (result.has("error")) {
                throw new OvsException("ovsdb: " + result.path("error").asText() + ": " + result.path("details").asText());
            }
            List<Map<String, JsonNode>> rows = new ArrayList<>();
            for (JsonNode row : result.path("rows")) {
                Map<String, JsonNode> columns = new LinkedHashMap<>();
                row.fields().forEachRemaining(e -> columns.put(e.getKey(), e.getValue()));
                rows.add(columns);
            }
            results.add(rows);
        }
        return results;
    }

    /** Checks an {@code ovsdb-client transact} reply for a failed operation. */
    static void checkTransaction(String output) {
        for (JsonNode result : read(output)) {
            if (result != null && result.has("error")) {
                throw new OvsException("ovsdb: " + result.path("error").asText() + ": " + result.path("details").asText());
            }
        }
    }

    private static JsonNode read(String output) {
        try {
            return JSON.readTree(output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ovsdb-client JSON output", e);
        }
    }

    static String string(JsonNode atom) {
        List<JsonNode> values = elements(atom);
        return values.isEmpty() ? null : scalar(values.get(0));
    }

    static int integer(JsonNode atom, int absent) {
        List<JsonNode> values = elements(atom);
        return values.isEmpty() ? absent : values.get(0).asInt(absent);
    }

    /** The members of a set (or the one element printed bare), as scalars; uuids as their string. */
    static List<String> strings(JsonNode atom) {
        return elements(atom).stream().map(OvsdbJson::scalar).toList();
    }

    static Map<String, String> map(JsonNode atom) {
        Map<String, String> map = new LinkedHashMap<>();
        if (atom != null && atom.isArray() && atom.size() == 2 && "map".equals(atom.get(0).asText())) {
            for (JsonNode pair : atom.get(1)) {
                map.put(scalar(pair.get(0)), scalar(pair.get(1)));
            }
        }
        return map;
    }

    private static List<JsonNode> elements(JsonNode atom) {
        if (atom == null || atom.isNull()) {
            return List.of();
        }
        if (atom.isArray() && atom.size() == 2 && "set".equals(atom.get(0).asText())) {
            List<JsonNode> members = new ArrayList<>();
            atom.get(1).forEach(members::add);
            return members;
        }
        return List.of(atom);
    }

    private static String scalar(JsonNode atom) {
        if (atom.isArray() && atom.size() == 2 && ("uuid".equals(atom.get(0).asText())
                || "named-uuid".equals(atom.get(0).asText()))) {
            return atom.get(1).asText();
        }
        return atom.asText();
    }
}
