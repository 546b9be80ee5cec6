package io.dpuplane.apis;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Checks every CRD the build generated: what kubectl users and Crossplane rely on. */
class GeneratedCrdsTest {

    private static List<CustomResourceDefinition> generated() throws IOException {
        Path dir = Path.of(System.getProperty("dpuplane.crds.dir"));
        List<CustomResourceDefinition> crds = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    crds.add(Serialization.unmarshal(in, CustomResourceDefinition.class));
                }
            }
        }
        assertThat(crds).as("CRDs generated into %s", dir).isNotEmpty();
        return crds;
    }

    @Test
    void everyKindIsListedByKubectlGetDpuplaneWithReadyAndSyncedColumns() throws IOException {
        for (CustomResourceDefinition crd : generated()) {
            assertThat(crd.getSpec().getNames().getCategories()).as(crd.getMetadata().getName()).contains("dpuplane");
            assertThat(crd.getSpec().getNames().getShortNames()).as(crd.getMetadata().getName()).isNotEmpty();
            for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
                assertThat(version.getAdditionalPrinterColumns())
                        .extracting(c -> c.getName())
                        .as(crd.getMetadata().getName())
                        .contains("READY", "SYNCED", "AGE");
                assertThat(version.getSubresources().getStatus()).as("status subresource").isNotNull();
            }
        }
    }

    @Test
    void managedResourcesDefaultToTheDefaultClusterProviderConfigAndAllPolicies() throws IOException {
        CustomResourceDefinition bfb = generated().stream()
                .filter(c -> c.getMetadata().getName().equals("bfbs.provisioning.dpuplane.io")).findFirst().orElseThrow();
        var spec = bfb.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec");
        assertThat(spec.getProperties().get("providerConfigRef").getDefault().toString())
                .contains("ClusterProviderConfig").contains("default");
        assertThat(spec.getProperties().get("managementPolicies").getDefault().toString()).contains("*");
        assertThat(spec.getRequired()).contains("forProvider");
    }
}
