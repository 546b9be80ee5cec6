package io.dpuplane.functions.dpuset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DpuNamesTest {

    @Test
    void namesReadAsSetHostAndPciAddress() {
        assertThat(DpuNames.key("worker-1", "0000:03:00.0")).isEqualTo("dpu-worker-1-03-00-0");
        assertThat(DpuNames.name("edge", "worker-1", "0000:03:00.0")).isEqualTo("edge-worker-1-03-00-0");
        assertThat(DpuNames.name("edge", "worker-1", "0001:81:00.1")).isEqualTo("edge-worker-1-0001-81-00-1");
    }

    @Test
    void aLongNameIsCutTo63CharactersWithAHashThatKeepsItUniqueAndStable() {
        String host = "rack-17-chassis-04-blade-12-compute-node-with-a-very-long-name";
        String name = DpuNames.name("edge", host, "0000:03:00.0");
        String other = DpuNames.name("edge", host, "0000:04:00.0");

        assertThat(name).hasSize(63).matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?").startsWith("edge-rack-17");
        assertThat(other).hasSize(63).isNotEqualTo(name);
        assertThat(DpuNames.name("edge", host, "0000:03:00.0")).isEqualTo(name);
    }

    @Test
    void hostNamesWithDotsGetAHashSoTwoHostsNeverShareADpuName() {
        String dotted = DpuNames.name("edge", "worker-1.lab", "0000:03:00.0");
        String dashed = DpuNames.name("edge", "worker-1-lab", "0000:03:00.0");

        assertThat(dotted).startsWith("edge-worker-1-lab-03-00-0-").matches("[a-z0-9-]+");
        assertThat(dashed).isEqualTo("edge-worker-1-lab-03-00-0");
        assertThat(dotted).isNotEqualTo(dashed);
    }
}
