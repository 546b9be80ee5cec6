package io.dpuplane.provider.service;

import io.dpuplane.apis.svc.v1alpha1.DPUService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Where a DPUService's release lives in a DPU cluster: its name (Helm's 53-character limit) and namespace. */
final class ReleaseNames {

    private static final int MAX_RELEASE_NAME = 53;

    private ReleaseNames() {
    }

    /** The DPUService's name, or, when longer than Helm allows, its start and a hash of all of it. */
    static String of(DPUService resource) {
        String name = resource.getMetadata().getName();
        if (name.length() <= MAX_RELEASE_NAME) {
            return name;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return name.substring(0, MAX_RELEASE_NAME - 9).replaceAll("-+$", "") + "-"
                    + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** spec.forProvider.namespace, or the DPUService's own namespace. */
    static String namespace(DPUService resource) {
        String ns = resource.getSpec().getForProvider().namespace();
        return ns == null ? resource.getMetadata().getNamespace() : ns;
    }
}
