package io.dpuplane.bfb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DocaVersionTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2.9.1, 2.9.1",
        "3.0.0058-1, 3.0.0",
        "3.0.0058, 3.0.0",
        "2.9.3008, 2.9.3",
        "3.0.0058-abcde, 3.0.0",
        "2.10.12001, 2.10.12",
        "' 2.7.0 ', 2.7.0",
        "unknown, unknown",
    })
    void theInventoryDocaVersionBecomesMajorMinorPatch(String inventory, String user) {
        assertThat(DocaVersion.normalize(inventory)).isEqualTo(user);
    }
}
