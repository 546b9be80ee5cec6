package io.dpuplane.provider.dpu;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecretList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bootstrap tokens DPUs join a DPU cluster with: one per DPU, a Secret {@code kube-system/bootstrap-token-<id>}
 * labelled with the DPU's uid, valid for an hour. A token id is six characters of {@code [a-z0-9]}, as the format
 * requires, derived from the DPU's uid; two DPUs' ids collide now and then in a large fleet (about once in 4,000
 * waves of 1,000 DPUs), so each DPU has a few candidate ids, takes the first that is free or its own, and only ever
 * hands out, replaces or deletes a token labelled with its own uid.
 */
final class JoinTokens {

    static final String DPU_UID = "dpuplane.io/dpu-uid";
    private static final int CANDIDATES = 4;
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KubernetesClient client;
    // The id each DPU's token got from this provider: deleted without a read. A restarted provider reads.
    private final Map<String, String> ids = new ConcurrentHashMap<>();

    JoinTokens(KubernetesClient client) {
        this.client = client;
    }

    /**
     * A one-hour token for a DPU, as {@code id.secret}. A token of the DPU with over half an hour left is handed out
     * again: a create asked again (its first status write timed out) gets back the install already running, whose
     * bf.cfg carries that token, so replacing it would lock the DPU out of its cluster. A DPU's first token is one
     * request: created, and read only when one is there.
     */
    String create(String dpuUid) {
        for (int candidate = 0; candidate < CANDIDATES; candidate++) {
            String id = id(dpuUid, candidate);
            String secret = HexFormat.of().formatHex(randomBytes(8));
            if (took(id, dpuUid, secret)) {
                return id + "." + secret;
            }
            Secret existing = secrets().withName(name(id)).get();
            if (existing == null) {
                // Deleted since: taken now, or by the next candidate.
                if (took(id, dpuUid, secret)) {
                    return id + "." + secret;
                }
                continue;
            }
            if (!dpuUid.equals(labelOf(existing))) {
                continue;
            }
            ids.put(dpuUid, id);
            Optional<String> lasting = lastingSecret(existing);
            if (lasting.isPresent()) {
                return id + "." + lasting.get();
            }
            secrets().withName(name(id)).delete();
            if (took(id, dpuUid, secret)) {
                return id + "." + secret;
            }
        }
        throw new IllegalStateException("all " + CANDIDATES + " bootstrap token ids of DPU " + dpuUid + " are taken "
                + "by other DPUs' tokens in the DPU cluster; it joins once one of them has joined");
    }

    /** Deletes the DPU's token, if it has one; never another DPU's. */
    void delete(String dpuUid) {
        String known = ids.remove(dpuUid);
        if (known != null) {
            secrets().withName(name(known)).delete();
            return;
        }
        for (int candidate = 0; candidate < CANDIDATES; candidate++) {
            String name = name(id(dpuUid, candidate));
            Secret existing = secrets().withName(name).get();
            if (existing != null && dpuUid.equals(labelOf(existing))) {
                secrets().withName(name).delete();
            }
        }
    }

    /** Creates the token under {@code id} and remembers it as the DPU's; false when the id is taken. */
    private boolean took(String id, String dpuUid, String secret) {
        if (!created(id, dpuUid, secret)) {
            return false;
        }
        ids.put(dpuUid, id);
        return true;
    }

    private boolean created(String id, String dpuUid, String secret) {
        try {
            secrets().resource(new SecretBuilder().withNewMetadata().withName(name(id)).addToLabels(DPU_UID, dpuUid)
                    .endMetadata().withType("bootstrap.kubernetes.io/token")
                    .withStringData(Map.of("token-id", id, "token-secret", secret, "usage-bootstrap-authentication",
                            "true", "expiration", Instant.now().plus(1, ChronoUnit.HOURS).toString(),
                            "description", "dpuplane: joins one DPU, deleted once it has"))
                    .build()).create();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    private NonNamespaceOperation<Secret, SecretList, Resource<Secret>> secrets() {
        return client.secrets().inNamespace("kube-system");
    }

    private static Optional<String> lastingSecret(Secret token) {
        return Optional.ofNullable(token.getData())
                .filter(d -> d.containsKey("token-secret") && d.containsKey("expiration"))
                .filter(d -> Instant.parse(decode(d.get("expiration"))).isAfter(Instant.now().plus(30, ChronoUnit.MINUTES)))
                .map(d -> decode(d.get("token-secret")));
    }

    private static String labelOf(Secret secret) {
        Map<String, String> labels = secret.getMetadata().getLabels();
        return labels == null ? null : labels.get(DPU_UID);
    }

    static String name(String id) {
        return "bootstrap-token-" + id;
    }

    /** The DPU's {@code candidate}-th token id: six characters of {@code [a-z0-9]} from a digest of its uid. */
    static String id(String dpuUid, int candidate) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest((dpuUid + "/" + candidate)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        char[] id = new char[6];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[(digest[i] & 0xff) % ID_ALPHABET.length];
        }
        return new String(id);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
