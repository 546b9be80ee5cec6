package io.dpuplane.provider.chain;

import io.dpuplane.apis.sfc.v1alpha1.Sfc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a host-cluster resource's per-node objects are named and labelled in a DPU cluster: {@code <name>-<node>}
 * (as DPF names them), labelled with the node and the owner, so the node's agent lists only its own and the
 * provider finds every object of an owner with one label query. Names and label values too long for
 * Kubernetes are cut and given a hash of the whole, so they stay unique and stable.
 */
final class PerNode {

    /** Annotation with the owner in full, for people reading the object. */
    static final String OWNER_ANNOTATION = "sfc.dpuplane.io/owner";

    private static final Pattern LABEL_VALUE = Pattern.compile("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");

    private PerNode() {
    }

    /** The name of {@code owner}'s object for {@code node}. */
    static String name(String owner, String node) {
        return fit(owner + "-" + node, 253);
    }

    /** Labels that find every object of an owner. */
    static Map<String, String> ownerLabels(String kind, String namespace, String name) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Sfc.OWNER_KIND_LABEL, kind);
        labels.put(Sfc.OWNER_NAMESPACE_LABEL, labelValue(namespace));
        labels.put(Sfc.OWNER_NAME_LABEL, labelValue(name));
        return labels;
    }

    /** An owner's labels plus the node's, for one per-node object. */
    static Map<String, String> labels(Map<String, String> ownerLabels, String node) {
        Map<String, String> labels = new LinkedHashMap<>(ownerLabels);
        labels.put(Sfc.NODE_LABEL, labelValue(node));
        return labels;
    }

    static String labelValue(String value) {
        return LABEL_VALUE.matcher(value).matches() && value.length() <= 63 ? value : fit(value, 63);
    }

    private static String fit(String value, int max) {
        if (value.length() <= max) {
            return value;
        }
        String hash = HexFormat.of().formatHex(sha256(value), 0, 4);
        String head = value.substring(0, max - hash.length() - 1).replaceAll("[^A-Za-z0-9]+$", "");
        return head + "-" + hash;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
