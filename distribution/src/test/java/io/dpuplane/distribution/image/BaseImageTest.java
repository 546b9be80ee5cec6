package io.dpuplane.distribution.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseImageTest {

    @TempDir
    Path dir;

    private Path jre;
    private Path jreOvs;
    private final List<String> built = new ArrayList<>();
    private Function<String, Path> localBases;

    @BeforeEach
    void localTarballs() throws Exception {
        jre = Files.writeString(dir.resolve("debian-jre17.tar"), "base");
        jreOvs = Files.writeString(dir.resolve("debian-jre17-ovs.tar"), "base");
        localBases = variant -> {
            built.add(variant);
            return variant.equals("jre") ? jre : jreOvs;
        };
    }

    @Test
    void aReachableRegistryIsPulledFrom() {
        BaseImage base = BaseImage.resolve("eclipse-temurin:17-jre", registry -> true, localBases);

        assertThat(base).isInstanceOf(BaseImage.Registry.class);
        assertThat(((BaseImage.Registry) base).reference().getRegistry()).isEqualTo("registry-1.docker.io");
        assertThat(built).isEmpty();
    }

    @Test
    void anUnreachableRegistryFallsBackToTheLocalJreBase() {
        List<String> probed = new ArrayList<>();
        BaseImage base = BaseImage.resolve("eclipse-temurin:17-jre", registry -> probed.add(registry) && false,
                localBases);

        assertThat(probed).containsExactly("registry-1.docker.io");
        assertThat(base).isEqualTo(new BaseImage.Tarball(jre));
        assertThat(built).containsExactly("jre");
    }

    @Test
    void aLocalVariantOrATarballIsUsedWithoutAskingAnyRegistry() {
        assertThat(BaseImage.resolve("local:jre-ovs", registry -> {
            throw new AssertionError("probed " + registry);
        }, localBases)).isEqualTo(new BaseImage.Tarball(jreOvs));
        assertThat(BaseImage.resolve("tar:" + jre, registry -> {
            throw new AssertionError("probed " + registry);
        }, localBases)).isEqualTo(new BaseImage.Tarball(jre));
    }

    @Test
    void aMissingTarballOrAnUnknownLocalVariantIsReportedClearly() {
        assertThatThrownBy(() -> BaseImage.resolve("tar:/nowhere/base.tar", r -> true, localBases))
                .hasMessage("base image tarball /nowhere/base.tar does not exist (tools/images/base.sh builds one)");
        LocalBases bases = new LocalBases(dir, dir);
        assertThatThrownBy(() -> bases.get("jdk"))
                .hasMessageContaining("no local base 'local:jdk'").hasMessageContaining("jre-ovs");
    }
}
