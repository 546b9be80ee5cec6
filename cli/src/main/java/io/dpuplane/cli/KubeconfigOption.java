package io.dpuplane.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --kubeconfig}: which cluster a command talks to; defaults to $KUBECONFIG, then the sandbox's host cluster. */
public class KubeconfigOption {

    @Option(names = "--kubeconfig", description = "Kubeconfig file (default: $KUBECONFIG, else the sandbox's "
            + "host cluster at ~/.dpuplane/sandbox/host.kubeconfig)")
    Path file;

    public KubernetesClient client() {
        Path chosen = file != null ? file
                : System.getenv("KUBECONFIG") != null ? Path.of(System.getenv("KUBECONFIG"))
                : io.dpuplane.cli.sandbox.SandboxDir.defaultDir().resolve("host.kubeconfig");
        try {
            return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(chosen))).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kubeconfig " + chosen + " (start a sandbox with `make sandbox`"
                    + " or pass --kubeconfig)", e);
        }
    }
}
