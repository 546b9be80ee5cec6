package io.dpuplane.provider.dpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.testkit.tls.IssuedCertificate;
import io.dpuplane.testkit.tls.TestCertificateAuthority;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentChannelsTest {

    private final IssuedCertificate client = TestCertificateAuthority.create("agents").issueClient("provider");

    @Test
    void anAgentIsCalledOverOneChannelUntilItsCredentialsChange() {
        try (AgentChannels channels = new AgentChannels()) {
            Channel first = channels.agent("127.0.0.1:1", "agent", credentials("1"), 5).getChannel();

            assertThat(channels.agent("127.0.0.1:1", "agent", credentials("1"), 5).getChannel()).isSameAs(first);
            assertThat(channels.agent("127.0.0.1:2", "agent", credentials("1"), 5).getChannel())
                    .as("another agent: its own channel").isNotSameAs(first);

            Channel rotated = channels.agent("127.0.0.1:1", "agent", credentials("2"), 5).getChannel();
            assertThat(rotated).isNotSameAs(first);
            assertThat(((ManagedChannel) first).isShutdown()).as("the old channel, once its calls finish").isTrue();
        }
    }

    private Secret credentials(String resourceVersion) {
        return new SecretBuilder().withNewMetadata().withName("agent-client-tls").withNamespace("crossplane-system")
                .withUid("uid-1").withResourceVersion(resourceVersion).endMetadata()
                .withData(Map.of("ca.crt", base64(client.caPem()), "tls.crt", base64(client.certificatePem()),
                        "tls.key", base64(client.keyPem())))
                .build();
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    }
}
