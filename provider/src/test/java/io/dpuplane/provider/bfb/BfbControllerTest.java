package io.dpuplane.provider.bfb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dpuplane.apis.config.v1alpha1.ClusterProviderConfig;
import io.dpuplane.apis.crossplane.Condition;
import io.dpuplane.apis.provisioning.v1alpha1.BFB;
import io.dpuplane.apis.provisioning.v1alpha1.DPU;
import io.dpuplane.bfb.BfbVersions;
import io.dpuplane.bfb.BootStreamWriter;
import io.dpuplane.provider.RealApiServerResource;
import io.dpuplane.runtime.Conditions;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The BFB managed resource against a loopback HTTP server with real faults, on a real API server. */
@QuarkusTest
@QuarkusTestResource(RealApiServerResource.class)
class BfbControllerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NS = "bfbs";
    private static BfbServer server;
    private static Path cacheDir;
    private static byte[] good;
    private static String goodSha;

    private final KubernetesClient client = TestControlPlanes.host().client();

    @TestHTTPResource("/")
    URI provider;

    @BeforeAll
    static void serveImages() throws Exception {
        good = bfb(new BfbVersions("v2.2(release):4.9.1", "4.9.1-12", "4.9.1", "2.9.1"), 3 << 20);
        goodSha = sha256(good);
        server = new BfbServer();
        server.serve("/bf-bundle-2.9.1-19_24.11_ubuntu-22.04_prod.bfb", good, BfbServer.Fault.NONE);
        server.serve("/dropped.bfb", good, BfbServer.Fault.DROP_ONCE);
        server.serve("/truncated.bfb", good, BfbServer.Fault.ALWAYS_TRUNCATED);
        byte[] flipped = good.clone();
        flipped[flipped.length - 100] ^= 0x40;
        server.serve("/flipped.bfb", flipped, BfbServer.Fault.NONE);
        server.serve("/not-a-bfb.bfb", "#!/bin/sh\necho this is a shell script, not a boot stream\n"
                .getBytes(StandardCharsets.UTF_8), BfbServer.Fault.NONE);
        cacheDir = Files.createTempDirectory("bfb-cache");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static byte[] bfb(BfbVersions versions, long osSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BootStreamWriter.create().image(2, 4096).image(5, 8192).versions(versions).image(62, osSize).writeTo(out);
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private void ensureConfig() {
        if (client.namespaces().withName(NS).get() == null) {
            client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                    .withNewMetadata().withName(NS).endMetadata().build()).create();
        }
        if (client.resources(ClusterProviderConfig.class).withName("bfb-cache").get() == null) {
            client.resource(Serialization.unmarshal("""
                    apiVersion: dpuplane.io/v1alpha1
                    kind: ClusterProviderConfig
                    metadata: {name: bfb-cache}
                    spec:
                      agent: {tlsSecretRef: {name: agent-tls, namespace: crossplane-system}}
                      bfbCache: {directory: "%s"}
                    """.formatted(cacheDir), ClusterProviderConfig.class)).create();
        }
    }

    private BFB create(String name, String url, String sha) {
        ensureConfig();
        String shaLine = sha == null ? "" : ", sha256: " + sha;
        return client.resource(Serialization.unmarshal("""
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: BFB
                metadata: {name: %s, namespace: %s}
                spec:
                  providerConfigRef: {kind: ClusterProviderConfig, name: bfb-cache}
                  forProvider: {url: "%s"%s}
                """.formatted(name, NS, url, shaLine), BFB.class)).create();
    }

    private BFB get(String name) {
        return client.resources(BFB.class).inNamespace(NS).withName(name).get();
    }

    private Optional<Condition> ready(String name) {
        BFB bfb = get(name);
        return bfb == null || bfb.getStatus() == null ? Optional.empty()
                : Conditions.find(bfb.getStatus().getConditions(), Conditions.READY);
    }

    private void awaitReady(String name) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(ready(name)).hasValueSatisfying(
                c -> assertThat(c.getStatus()).as(c.getMessage()).isEqualTo("True")));
    }

    private String awaitUnavailable(String name) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(ready(name)).hasValueSatisfying(
                c -> assertThat(c.getReason()).isEqualTo("Unavailable")));
        return ready(name).orElseThrow().getMessage();
    }

    private static long filesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    @Test
    void aGoodBfbIsVerifiedCachedAndServedToAgentsWithRangeSupport() throws Exception {
        create("good", server.url("/bf-bundle-2.9.1-19_24.11_ubuntu-22.04_prod.bfb"), goodSha);
        awaitReady("good");
        var at = get("good").getStatus().getAtProvider();
        assertThat(at.getSha256()).isEqualTo(goodSha);
        assertThat(at.getSizeBytes()).isEqualTo(good.length);
        assertThat(at.getVersions().doca()).isEqualTo("2.9.1");
        assertThat(at.getVersions().uefi()).isEqualTo("4.9.1-12");
        assertThat(at.getFileName()).isEqualTo("bf-bundle-2.9.1-19_24.11_ubuntu-22.04_prod.bfb");
        assertThat(at.getDownload().getPercent()).isEqualTo("100%");
        assertThat(at.getRegistryPath()).isEqualTo("/bfbs/" + goodSha + ".bfb");

        HttpClient http = HttpClient.newHttpClient();
        URI image = provider.resolve(at.getRegistryPath());
        HttpResponse<byte[]> full = http.send(HttpRequest.newBuilder(image).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(sha256(full.body())).isEqualTo(goodSha);
        HttpResponse<byte[]> tail = http.send(HttpRequest.newBuilder(image).header("Range", "bytes=1000-").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.headers().firstValue("Content-Range")).contains("bytes 1000-" + (good.length - 1) + "/" + good.length);
        assertThat(tail.body()).hasSize(good.length - 1000);
        HttpResponse<byte[]> unknown = http.send(HttpRequest.newBuilder(provider.resolve("/bfbs/" + "0".repeat(64) + ".bfb"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void aConnectionDroppedMidStreamIsResumedWithARangeRequest() {
        create("dropped", server.url("/dropped.bfb"), null);
        awaitReady("dropped");
        assertThat(get("dropped").getStatus().getAtProvider().getSha256()).isEqualTo(goodSha);
        assertThat(server.requests).anyMatch(r -> r.startsWith("/dropped.bfb bytes=") && !r.endsWith("bytes=0-"));
    }

    @Test
    void aBodyShorterThanItsContentLengthFailsWithTheByteCountsAndLeavesNothingInTheCache() throws IOException {
        create("truncated", server.url("/truncated.bfb"), null);
        String message = awaitUnavailable("truncated");
        assertThat(message).contains("failed after 5 attempts").contains("of " + good.length + " bytes");
        assertThat(filesIn(cacheDir.resolve("tmp"))).as("no partial file left").isZero();
    }

    @Test
    void aSha256MismatchIsRefusedNamingBothDigests() {
        String wrong = "ab".repeat(32);
        create("mismatch", server.url("/bf-bundle-2.9.1-19_24.11_ubuntu-22.04_prod.bfb"), wrong);
        assertThat(awaitUnavailable("mismatch")).contains("sha256 mismatch: want " + wrong + ", got " + goodSha);
        assertThat(Files.exists(cacheDir.resolve("sha256").resolve(wrong + ".bfb"))).isFalse();
    }

    @Test
    void aFlippedByteIsACrcErrorAtItsImage() {
        create("flipped", server.url("/flipped.bfb"), null);
        assertThat(awaitUnavailable("flipped")).startsWith("not a valid BFB").contains("CRC");
    }

    @Test
    void aFileThatIsNotABfbIsRefused() {
        create("not-a-bfb", server.url("/not-a-bfb.bfb"), null);
        assertThat(awaitUnavailable("not-a-bfb")).startsWith("not a valid BFB").containsIgnoringCase("magic");
    }

    @Test
    void aMissingFileIsReportedWithTheHttpStatus() {
        create("missing", server.url("/missing.bfb"), null);
        assertThat(awaitUnavailable("missing")).contains("HTTP 404").contains("/missing.bfb");
    }

    @Test
    void bfbsWithTheSameContentShareOneCachedFileRemovedWithTheLastOfThem() {
        create("shared-a", server.url("/bf-bundle-2.9.1-19_24.11_ubuntu-22.04_prod.bfb"), goodSha);
        create("shared-b", server.url("/dropped.bfb"), goodSha);
        awaitReady("shared-a");
        awaitReady("shared-b");
        Path cached = cacheDir.resolve("sha256").resolve(goodSha + ".bfb");
        assertThat(cached).exists();
        client.resource(get("shared-a")).delete();
        await().atMost(WAIT).until(() -> get("shared-a") == null);
        assertThat(cached).as("still held by shared-b").exists();
        client.resource(get("shared-b")).delete();
        await().atMost(WAIT).until(() -> get("shared-b") == null);
        boolean heldByOthers = client.resources(BFB.class).inAnyNamespace().list().getItems().stream()
                .anyMatch(b -> b.getStatus() != null && b.getStatus().getAtProvider() != null
                        && goodSha.equals(b.getStatus().getAtProvider().getSha256()));
        if (!heldByOthers) {
            assertThat(cached).doesNotExist();
        }
    }

    @Test
    void deletingABfbThatADpuInstallsIsRefusedNamingTheDpu() {
        create("in-use", server.url("/bf-bundle-2.9.1-19_24.11_ubuntu-22.04_prod.bfb"), goodSha);
        awaitReady("in-use");
        client.resource(Serialization.unmarshal("""
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: DPU
                metadata: {name: host1-dpu0, namespace: %s}
                spec:
                  managementPolicies: [Observe]
                  forProvider:
                    hostNode: host1
                    pciAddress: "0000:03:00.0"
                    bfbRef: {name: in-use}
                    flavorRef: {name: default}
                    dpuClusterRef: {name: dpu-cluster}
                """.formatted(NS), DPU.class)).create();
        client.resource(get("in-use")).delete();
        await().atMost(WAIT).untilAsserted(() -> assertThat(Conditions.find(get("in-use").getStatus().getConditions(),
                Conditions.SYNCED)).hasValueSatisfying(c -> assertThat(c.getMessage())
                .contains("still used by DPU " + NS + "/host1-dpu0")));
        assertThat(get("in-use")).isNotNull();
        client.resources(DPU.class).inNamespace(NS).withName("host1-dpu0").delete();
        await().atMost(WAIT).until(() -> get("in-use") == null);
    }
}
