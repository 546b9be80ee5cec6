package io.dpuplane.agent.emulator;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How the emulated kubelets of one process reach their DPU cluster. Each joins with its own bootstrap token
 * (its own client). A real kubelet then trades the token for a client certificate (TLS bootstrap) so it outlives
 * the token, which the provider deletes after the join; the emulator, like kwok's controller, uses a DPU-cluster
 * kubeconfig it is given instead, through one client all its kubelets share. Without one, a kubelet keeps the
 * bootstrap token, and its heartbeats stop when the token is deleted.
 *
 * <p>All the clients share one Vert.x instance and one Jackson mapper: a client of its own per kubelet would start a
 * Vert.x (event loops, worker pool) per card, and building a client from a kubeconfig's client certificate costs a
 * PKCS#12 key store (PBKDF2): hundreds of cards joining at once spent their emulator's CPU on that.
 */
public final class KubeletCredentials implements AutoCloseable {

    private final Optional<Path> kubeconfig;
    // One Jackson mapper for every kubelet: a client of its own builds its deserializers for Node, Lease, Status on
    // first use, on the Vert.x event loop, under Jackson's cache lock; hundreds of cards joining at once held up
    // every response of the process for seconds.
    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private Vertx vertx;
    private VertxHttpClientFactory http;
    private volatile KubernetesClient shared;
    private volatile PodLifecycle pods;

    private KubeletCredentials(Optional<Path> kubeconfig) {
        this.kubeconfig = kubeconfig;
        prepareSerialization();
    }

    /**
     * Builds the mapper's serializers and deserializers for what a kubelet sends and reads before any card needs
     * them: built on first use, under Jackson's cache lock, the first responses of a wave of joins held every event
     * loop of the process (a real kubelet is a process that started long before).
     */
    private void prepareSerialization() {
        for (Object sample : List.of(new NodeBuilder().withNewMetadata().withName("warm-up").endMetadata()
                .withNewStatus().endStatus().build(),
                new LeaseBuilder().withNewMetadata().withName("warm-up").endMetadata().withNewSpec().endSpec().build(),
                new StatusBuilder().withMessage("warm-up").build(),
                new PodBuilder().withNewMetadata().withName("warm-up").endMetadata().build())) {
            serialization.unmarshal(serialization.asJson(sample), sample.getClass());
        }
    }

    public static KubeletCredentials bootstrapTokenOnly() {
        return new KubeletCredentials(Optional.empty());
    }

    public static KubeletCredentials kubeconfig(Path file) {
        return new KubeletCredentials(Optional.of(file));
    }

    /**
     * A kubelet's client for its join: the bootstrap token in {@code config}. Built outside the lock: hundreds of
     * cards come up together, and building a client (its TLS context) under the lock held every other kubelet of
     * the process, their heartbeats too, for seconds.
     */
    KubernetesClient bootstrapClient(Config config) {
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(http())
                .withKubernetesSerialization(serialization).build();
    }

    /** The client for the kubelets' work after the join, when there is a credential for it; shared, never closed by a kubelet. */
    Optional<KubernetesClient> client() {
        if (kubeconfig.isEmpty()) {
            return Optional.empty();
        }
        KubernetesClient built = shared;
        return built != null ? Optional.of(built) : sharedClient();
    }

    private synchronized Optional<KubernetesClient> sharedClient() {
        if (shared == null) {
            try {
                shared = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig.get())))
                        .withHttpClientFactory(http()).withKubernetesSerialization(serialization).build();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the kubelet kubeconfig " + kubeconfig.get(), e);
            }
        }
        return Optional.of(shared);
    }

    /** The pods of the kubelets that joined with the shared client, played through one watch; empty without one. */
    Optional<PodLifecycle> pods() {
        PodLifecycle watching = pods;
        return watching != null ? Optional.of(watching) : startPods();
    }

    private synchronized Optional<PodLifecycle> startPods() {
        Optional<KubernetesClient> client = client();
        if (client.isPresent() && pods == null) {
            pods = PodLifecycle.forJoiningNodes(client.get());
        }
        return Optional.ofNullable(pods);
    }

    private synchronized VertxHttpClientFactory http() {
        if (http == null) {
            // As fabric8 makes its own: daemon threads, no file cache.
            vertx = Vertx.vertx(new VertxOptions().setUseDaemonThread(true).setFileSystemOptions(
                    new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
            http = new VertxHttpClientFactory(vertx);
        }
        return http;
    }

    @Override
    public synchronized void close() {
        if (pods != null) {
            pods.close();
            pods = null;
        }
        if (shared != null) {
            shared.close();
            shared = null;
        }
        if (vertx != null) {
            vertx.close();
            vertx = null;
            http = null;
        }
    }
}
