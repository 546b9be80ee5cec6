package io.dpuplane.bfb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BfbFileNamesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "bf-bundle-2.9.1-19_24.11_ubuntu-22.04_prod.bfb, 2.9.1",
        "bf-bundle-3.4.0-92_26.04_ubuntu-24.04_64k_prod.bfb, 3.4.0",
        "bf-bundle-2.7.0-33_24.04_ubuntu-22.04_dev.bfb, 2.7.0",
        "/var/cache/dpuplane/bf-bundle-2.9.1-19_24.11_ubuntu-22.04_prod.bfb, 2.9.1",
        "https://content.mellanox.com/BlueField/BFBs/Ubuntu22.04/bf-bundle-2.9.1-19_24.11_ubuntu-22.04_prod.bfb, 2.9.1",
        "https://example.com/bf-bundle-3.0.0-135_25.04_ubuntu-22.04_prod.bfb?sig=abc/def, 3.0.0",
    })
    void theDocaVersionComesFromABundleFileName(String name, String doca) {
        assertThat(BfbFileNames.docaVersion(name)).contains(doca);
        assertThat(BfbFileNames.versions(name)).isEqualTo(BfbVersions.ofDoca(doca));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dpu.bfb", "bf-bundle-latest.bfb", "bf-bundle-2.9.1-19_24.11_ubuntu-22.04_prod.bfb.sha256",
        "DOCA_2.9.1_BSP_4.9.1_Ubuntu_22.04-2.23-07.prod.bfb", ""})
    void otherNamesSayNothing(String name) {
        assertThat(BfbFileNames.docaVersion(name)).isEmpty();
        assertThat(BfbFileNames.versions(name).isEmpty()).isTrue();
    }

    @Test
    void theInventoryWinsOverTheFileName() {
        BfbVersions inventory = new BfbVersions("4.9.1", null, "4.9.1.13244", "2.9.2");

        assertThat(inventory.merge(BfbFileNames.versions("bf-bundle-2.9.1-19_24.11_ubuntu-22.04_prod.bfb")))
                .isEqualTo(inventory);
        assertThat(BfbVersions.empty().merge(BfbVersions.ofDoca("2.9.1"))).isEqualTo(BfbVersions.ofDoca("2.9.1"));
    }
}
