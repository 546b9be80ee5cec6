package io.dpuplane.agent.emulator;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The credential an emulated kubelet keeps using once it has joined with its bootstrap token. A real kubelet
 * trades the token for a client certificate (TLS bootstrap) so it outlives the token, which the provider deletes
 * after the join; the emulator, like kwok's controller, uses a DPU-cluster kubeconfig it is given instead. Without
 * one, the kubelet keeps the bootstrap token, and its heartbeats stop when the token is deleted.
 */
public record KubeletCredentials(Optional<Path> kubeconfig) {

    public static KubeletCredentials bootstrapTokenOnly() {
        return new KubeletCredentials(Optional.empty());
    }

    public static KubeletCredentials kubeconfig(Path file) {
        return new KubeletCredentials(Optional.of(file));
    }

    /** A client for the kubelet's work after the join, when there is a credential for it. */
    Optional<KubernetesClient> client() {
        return kubeconfig.map(file -> {
            try {
                return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(file))).build();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the kubelet kubeconfig " + file, e);
            }
        });
    }
}
