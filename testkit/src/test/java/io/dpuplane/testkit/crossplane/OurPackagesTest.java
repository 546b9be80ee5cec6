package io.dpuplane.testkit.crossplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our three packages carry what Crossplane needs, build with the real CLI and reach a loopback registry. */
class OurPackagesTest {

    @Test
    void theProviderPackageCarriesEveryHostClusterCrdButNoDpuClusterKind(@TempDir Path dir) throws IOException {
        List<String> files = files(OurPackage.PROVIDER.stage(dir));
        assertThat(files).contains("crossplane.yaml", "crds-dpus.provisioning.dpuplane.io-v1.yml",
                "crds-providerconfigs.dpuplane.io-v1.yml", "crds-clusterproviderconfigusages.dpuplane.io-v1.yml");
        assertThat(files).noneMatch(name -> name.contains(".sfc.dpuplane.io"));
    }

    @Test
    void theConfigurationCarriesTheXrdsAndCompositionsButNotTheExamples(@TempDir Path dir) throws IOException {
        List<String> files = files(OurPackage.CONFIGURATION.stage(dir));
        assertThat(files).contains("crossplane.yaml", "dpuset-xrd.yaml", "dpuset-composition.yaml");
        assertThat(files).noneMatch(name -> name.startsWith("examples") || name.startsWith("dpuset-xr.yaml"));
    }

    @Test
    void aPackagePushedToTheLoopbackRegistryMarksItsPackageLayerForCrossplane(@TempDir Path dir) {
        CrossplaneCli cli = CrossplaneCli.pinned();
        PackageFile configuration = PackageFile.build(cli, OurPackage.CONFIGURATION, dir);
        try (LoopbackRegistry registry = LoopbackRegistry.start(dir)) {
            String reference = registry.push(cli, configuration.file(), OurPackage.CONFIGURATION.repository(),
                    "v0.1.0");
            assertThat(reference).isEqualTo(registry.host() + "/dpuplane/configuration-dpuplane:v0.1.0");
            assertThat(registry.manifest(reference)).contains("\"io.crossplane.xpkg\":\"base\"");
        }
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
