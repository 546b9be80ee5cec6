package io.dpuplane.provider.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PerNodeTest {

    @Test
    void aNodesObjectIsNamedAfterItsOwnerAndTheNode() {
        assertThat(PerNode.name("web-chain", "dpu-7")).isEqualTo("web-chain-dpu-7");
    }

    @Test
    void tooLongNamesAndLabelValuesAreCutAndStayUnique() {
        String longName = "x".repeat(250);
        assertThat(PerNode.name(longName, "dpu-1")).hasSizeLessThanOrEqualTo(253)
                .isNotEqualTo(PerNode.name(longName, "dpu-2"));
        assertThat(PerNode.labelValue("y".repeat(80))).hasSize(63).isNotEqualTo(PerNode.labelValue("y".repeat(81)));
        assertThat(PerNode.labelValue("short")).isEqualTo("short");
    }
}
