package io.dpuplane.provider.dpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.testkit.kube.TestControlPlanes;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A DPU's bootstrap token in a real DPU cluster: created once, handed out again while it lasts, replaced near its
 * end, and never another DPU's, whose token id collided with its own.
 */
class DpuJoinTokenTest {

    private static KubernetesClient cluster;

    @BeforeAll
    static void connect() {
        cluster = TestControlPlanes.second().client();
    }

    @Test
    void aDpusFirstTokenIsTheOneInItsBootstrapSecret() {
        String uid = UUID.randomUUID().toString();

        String token = new JoinTokens(cluster).create(uid);

        assertThat(token).isEqualTo(stored(JoinTokens.id(uid, 0)));
    }

    @Test
    void aTokenWithOverHalfAnHourLeftIsHandedOutAgainAlsoByARestartedProvider() {
        String uid = UUID.randomUUID().toString();
        String first = new JoinTokens(cluster).create(uid);

        assertThat(new JoinTokens(cluster).create(uid)).isEqualTo(first).isEqualTo(stored(JoinTokens.id(uid, 0)));
    }

    @Test
    void aTokenNearItsExpiryIsReplaced() {
        String uid = UUID.randomUUID().toString();
        JoinTokens tokens = new JoinTokens(cluster);
        String first = tokens.create(uid);
        cluster.secrets().inNamespace("kube-system").withName(JoinTokens.name(JoinTokens.id(uid, 0))).edit(s -> {
            s.getData().put("expiration", base64(Instant.now().plus(10, ChronoUnit.MINUTES).toString()));
            return s;
        });

        String replaced = tokens.create(uid);

        assertThat(replaced).isNotEqualTo(first).isEqualTo(stored(JoinTokens.id(uid, 0)));
    }

    @Test
    void aDpuWhoseTokenIdIsAnotherDpusTakesItsNextIdAndLeavesTheOtherTokenAlone() {
        String uid = UUID.randomUUID().toString();
        String taken = JoinTokens.id(uid, 0);
        cluster.secrets().inNamespace("kube-system").resource(new SecretBuilder().withNewMetadata()
                .withName(JoinTokens.name(taken)).addToLabels(JoinTokens.DPU_UID, "another-dpu").endMetadata()
                .withType("bootstrap.kubernetes.io/token").withStringData(Map.of("token-id", taken, "token-secret",
                        "0123456789abcdef", "expiration", Instant.now().plus(1, ChronoUnit.HOURS).toString()))
                .build()).create();

        String token = new JoinTokens(cluster).create(uid);
        assertThat(token).isEqualTo(stored(JoinTokens.id(uid, 1)));
        assertThat(stored(taken)).isEqualTo(taken + ".0123456789abcdef");

        // Deleted by a provider that did not create it (restarted since): its own token only.
        new JoinTokens(cluster).delete(uid);
        assertThat(secret(JoinTokens.id(uid, 1))).isNull();
        assertThat(secret(taken)).isNotNull();
    }

    @Test
    void aDpusTokenIdsAreSixCharactersOfTheBootstrapTokenAlphabet() {
        String uid = UUID.randomUUID().toString();
        assertThat(JoinTokens.id(uid, 0)).matches("[a-z0-9]{6}").isEqualTo(JoinTokens.id(uid, 0))
                .isNotEqualTo(JoinTokens.id(uid, 1));
    }

    private static Secret secret(String id) {
        return cluster.secrets().inNamespace("kube-system").withName(JoinTokens.name(id)).get();
    }

    private static String stored(String id) {
        Secret secret = secret(id);
        return decode(secret.getData().get("token-id")) + "." + decode(secret.getData().get("token-secret"));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
