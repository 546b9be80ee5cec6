package io.dpuplane.provider.dpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dpuplane.testkit.kube.TestControlPlanes;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The Secrets every DPU reconcile reads, on a real API server: a hundred workers do not read one at once. */
class WatchedInputsSecretTest {

    @Test
    void workersAskingForASecretWhoseReadIsDueReadItOnceAndTheOthersUseTheLastRead() throws Exception {
        KubernetesClient admin = TestControlPlanes.host().client();
        admin.resource(new NamespaceBuilder().withNewMetadata().withName("secret-reads").endMetadata().build())
                .serverSideApply();
        admin.secrets().inNamespace("secret-reads").resource(new SecretBuilder().withNewMetadata()
                .withName("kubeconfig").endMetadata().addToStringData(Map.of("kubeconfig", "v1")).build())
                .serverSideApply();
        AtomicInteger reads = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(50);
        try (KubernetesClient counted = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(TestControlPlanes.host().kubeconfigYaml()))
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("count-secret-reads", new Interceptor() {
                    @Override
                    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                        if (request.uri().getPath().endsWith("/secrets/kubeconfig")) {
                            reads.incrementAndGet();
                        }
                    }
                })).build();
                WatchedInputs inputs = new WatchedInputs(counted, Duration.ofSeconds(1))) {
            assertThat(inputs.secret("secret-reads", "kubeconfig")).isNotNull();
            long readAt = System.nanoTime();
            await().pollDelay(Duration.ofMillis(1100)).until(() -> System.nanoTime() - readAt > 1_100_000_000L);

            CountDownLatch go = new CountDownLatch(1);
            List<Future<Secret>> asked = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                asked.add(workers.submit(() -> {
                    go.await();
                    return inputs.secret("secret-reads", "kubeconfig");
                }));
            }
            go.countDown();
            for (Future<Secret> secret : asked) {
                assertThat(secret.get()).isNotNull();
            }
            assertThat(reads.get()).isEqualTo(2);
        } finally {
            workers.shutdownNow();
        }
    }
}
