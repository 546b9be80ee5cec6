package io.dpuplane.agent.emulator;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How the emulated kubelets of one process reach their DPU cluster. Each joins with its own bootstrap token (one
 * request, over connections the process's joins share). A real kubelet then trades the token for a client certificate
 * (TLS bootstrap) so it outlives the token, which the provider deletes after the join; the emulator, like kwok's
 * controller, uses a DPU-cluster kubeconfig it is given instead, through one client all its kubelets share. Without
 * one, a kubelet keeps the bootstrap token (a client of its own), and its heartbeats stop when the token is deleted.
 *
 * <p>All the clients share one Vert.x instance and one Jackson mapper: a client of its own per kubelet would start a
 * Vert.x (event loops, worker pool) per card, and building a client from a kubeconfig's client certificate costs a
 * PKCS#12 key store (PBKDF2): hundreds of cards joining at once spent their emulator's CPU on that.
 */
public final class KubeletCredentials implements AutoCloseable {

    private static final long JOIN_TIMEOUT_SECONDS = 10;

    private final Optional<Path> kubeconfig;
    // One Jackson mapper for every kubelet: a client of its own builds its deserializers for Node, Lease, Status on
    // first use, on the Vert.x event loop, under Jackson's cache lock; hundreds of cards joining at once held up
    // every response of the process for seconds.
    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private Vertx vertx;
    private VertxHttpClientFactory http;
    private volatile KubernetesClient shared;
    /** The joins' HTTP clients, one per DPU cluster (API server and CA): no credential of their own, no auth. */
    private final Map<String, HttpClient> joins = new ConcurrentHashMap<>();
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
        return clientOf(config);
    }

    /** A client over the process's shared Vert.x and Jackson mapper. */
    private KubernetesClient clientOf(Config config) {
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(http())
                .withKubernetesSerialization(serialization).build();
    }

    /**
     * Registers a kubelet's Node with the bootstrap token its bf.cfg carried, as one request over the connections the
     * process's joins share (a real kubelet's TLS bootstrap is one exchange with that token too). A client of its own
     * per card built a TLS context from the CA and made a TLS handshake for that one request: a thousand cards coming
     * up together spent a third of the machine's CPU of the join wave in the emulators. A Node already there is taken
     * as this kubelet's; anything else refused is an error with the API server's answer.
     */
    void registerNode(BfCfg.ClusterJoin join, Node node) {
        HttpClient http = joins.computeIfAbsent(join.apiServer() + "\n" + join.caCertBase64(), k -> joinClient(join));
        String url = join.apiServer().replaceAll("/+$", "") + "/api/v1/nodes";
        HttpResponse<String> response;
        try {
            response = http.sendAsync(http.newHttpRequestBuilder().uri(url)
                    .header("Authorization", "Bearer " + join.bootstrapToken())
                    .post("application/json", serialization.asJson(node)).build(), String.class)
                    .get(JOIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted registering node " + join.nodeName(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KubernetesClientException("cannot register node " + join.nodeName() + " at " + url + ": "
                    + (e.getCause() == null ? e : e.getCause()), e);
        }
        if (response.code() != HttpURLConnection.HTTP_CREATED && !isThisKubeletsNode(response.code())) {
            throw new KubernetesClientException("registering node " + join.nodeName() + ": HTTP " + response.code() + " "
                    + response.body(), response.code(), null);
        }
    }

    /**
     * Whether a create of a kubelet's Node that the API server answered with {@code code} leaves the Node registered:
     * a Node of that name already there (409) is the kubelet's own (one that restarted, or a retried join).
     */
    static boolean isThisKubeletsNode(int code) {
        return code == HttpURLConnection.HTTP_CONFLICT;
    }

    private HttpClient joinClient(BfCfg.ClusterJoin join) {
        try {
            return http().newBuilder().connectTimeout(JOIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .sslContext(null, SSLUtils.trustManagers(join.caCertBase64(), null, join.caCertBase64() == null, null,
                            null))
                    .build();
        } catch (GeneralSecurityException | IOException e) {
            throw new KubernetesClientException("cannot trust the DPU cluster's CA from the bf.cfg: " + e.getMessage(), e);
        }
    }

    /** Whether the kubelets go on with a credential of their own after the join (a kubeconfig), not their token. */
    boolean hasOwnCredential() {
        return kubeconfig.isPresent();
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
                shared = clientOf(Config.fromKubeconfig(Files.readString(kubeconfig.get())));
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
        joins.values().forEach(HttpClient::close);
        joins.clear();
        if (vertx != null) {
            vertx.close();
            vertx = null;
            http = null;
        }
    }
}
