package io.dpuplane.apis.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.apis.crossplane.ManagementPolicy;
import io.dpuplane.apis.provisioning.v1alpha1.BFB;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class BFBSerializationTest {

    @Test
    void yamlRoundTripKeepsForProviderAtProviderAndTheCrossplaneFields() {
        BFB bfb = Serialization.unmarshal("""
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: BFB
                metadata: {name: doca-2.9.1, namespace: fleet}
                spec:
                  managementPolicies: [Observe, Create]
                  forProvider: {url: "https://images.example/bf-bundle-2.9.1.bfb"}
                status:
                  atProvider:
                    versions: {doca: 2.9.1, atf: v2.2(release)}
                """, BFB.class);
        assertThat(bfb.getSpec().getForProvider().getUrl()).endsWith("bf-bundle-2.9.1.bfb");
        assertThat(bfb.managementPolicies()).containsExactly(ManagementPolicy.OBSERVE, ManagementPolicy.CREATE);
        assertThat(bfb.getSpec().getProviderConfigRef().getKind()).isEqualTo("ClusterProviderConfig");
        assertThat(bfb.getStatus().getAtProvider().getVersions().doca()).isEqualTo("2.9.1");
        BFB again = Serialization.unmarshal(Serialization.asYaml(bfb), BFB.class);
        assertThat(again.getStatus().getAtProvider().getVersions().atf()).isEqualTo("v2.2(release)");
    }

    @Test
    void newResourceGetsAnEmptyStatusOnDemand() {
        BFB bfb = new BFB();
        assertThat(bfb.requireStatus().getConditions()).isEmpty();
        assertThat(bfb.managementPolicies()).containsExactly(ManagementPolicy.ALL);
    }
}
