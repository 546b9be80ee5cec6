package io.dpuplane.functions.dpudeployment;

import com.google.protobuf.Value;
import io.dpuplane.functions.sdk.Structs;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The revision of a service: a short hash of everything that decides what runs on a node (chart source,
 * name, version, values, pod interfaces), the same however the spec's maps happen to be ordered. A new
 * revision is a new DPUService that DPUs move to one by one; an unchanged service keeps its revision.
 */
final class ServiceRevision {

    private static final int LENGTH = 8;

    private ServiceRevision() {
    }

    static String of(DPUDeploymentSpec.Service service) {
        StringBuilder canonical = new StringBuilder();
        // The XRD defaults an interface's network; hash it defaulted, so a render without the XRD agrees.
        DPUDeploymentSpec.Service normalized = new DPUDeploymentSpec.Service(service.source(), service.chart(),
                service.version(), service.values(), service.podInterfaces().stream()
                        .map(i -> new DPUDeploymentSpec.PodInterface(i.name(), i.interfaceName(), i.networkOrDefault()))
                        .toList());
        append(canonical, Structs.struct(Structs.of(normalized)));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    // JSON with object keys sorted: the hash must not depend on the order a map was written in.
    private static void append(StringBuilder out, Value value) {
        switch (value.getKindCase()) {
            case STRUCT_VALUE -> {
                out.append('{');
                Map<String, Value> sorted = new TreeMap<>(value.getStructValue().getFieldsMap());
                sorted.forEach((key, field) -> {
                    out.append('"').append(key).append("\":");
                    append(out, field);
                    out.append(',');
                });
                out.append('}');
            }
            case LIST_VALUE -> {
                out.append('[');
                value.getListValue().getValuesList().forEach(item -> {
                    append(out, item);
                    out.append(',');
                });
                out.append(']');
            }
            case STRING_VALUE -> out.append('"').append(value.getStringValue().replace("\"", "\\\"")).append('"');
            case NUMBER_VALUE -> out.append(value.getNumberValue());
            case BOOL_VALUE -> out.append(value.getBoolValue());
            default -> out.append("null");
        }
    }

}
