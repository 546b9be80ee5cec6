package io.dpuplane.provider.dpu;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link DpuClusterAccess} per DPU-cluster kubeconfig, shared by every reconcile of every DPU, so an
 * observe does not pay for a new client (its HTTP client, connection pool and TLS handshake) each time. A
 * changed kubeconfig (a rotated Secret) gets a new one; the old one stays open until the provider stops, since
 * a reconcile may still use it (as {@code cluster/DpuClusterTargets} does for the service controllers).
 */
final class DpuClusterClients implements AutoCloseable {

    private final Map<String, DpuClusterAccess> byKubeconfig = new ConcurrentHashMap<>();

    DpuClusterAccess access(String kubeconfig) {
        return byKubeconfig.computeIfAbsent(digest(kubeconfig), d -> new DpuClusterAccess(kubeconfig));
    }

    private static String digest(String kubeconfig) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(kubeconfig.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        byKubeconfig.values().forEach(DpuClusterAccess::close);
        byKubeconfig.clear();
    }
}
