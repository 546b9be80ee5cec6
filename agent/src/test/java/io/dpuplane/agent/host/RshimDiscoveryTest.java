package io.dpuplane.agent.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RshimDiscoveryTest {

    @TempDir
    Path dev;

    private void rshim(String name, String misc) throws IOException {
        Path dir = Files.createDirectories(dev.resolve(name));
        Files.createFile(dir.resolve("boot"));
        Files.writeString(dir.resolve("misc"), misc);
    }

    @Test
    void findsEveryRshimDeviceInIndexOrderWithItsPciAddress() throws IOException {
        rshim("rshim10", "DISPLAY_LEVEL 0\nDEV_NAME    pcie-0000:c1:00.0\n");
        rshim("rshim2", "DEV_NAME pcie-0000:03:00.0\nBOOT_MODE 1\n");
        assertThat(new RshimDiscovery(dev).discover())
                .extracting(RshimDevice::name, RshimDevice::pciAddress)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("rshim2", Optional.of("0000:03:00.0")),
                        org.assertj.core.groups.Tuple.tuple("rshim10", Optional.of("0000:c1:00.0")));
    }

    @Test
    void ignoresDirectoriesThatAreNotCompleteRshimDevices() throws IOException {
        Files.createDirectories(dev.resolve("rshim0"));
        Files.createDirectories(dev.resolve("sda"));
        rshim("rshim1", "DISPLAY_LEVEL 0\n");
        assertThat(new RshimDiscovery(dev).discover()).singleElement()
                .satisfies(d -> assertThat(d.pciAddress()).isEmpty());
    }

    @Test
    void missingDeviceRootMeansNoDevices() {
        assertThat(new RshimDiscovery(dev.resolve("absent")).discover()).isEmpty();
    }

    @Test
    void aCardsRshimIsFoundByItsPciAddressAndANewCardOnTheNextLook() throws IOException {
        rshim("rshim0", "DEV_NAME pcie-0000:03:00.0\n");
        HostDiscovery discovery = new HostDiscovery(dev, dev.resolve("sys"));
        assertThat(discovery.rshimOf("0000:03:00.0")).map(RshimDevice::name).hasValue("rshim0");
        assertThat(discovery.rshimOf("0000:04:00.0")).isEmpty();

        rshim("rshim1", "DEV_NAME pcie-0000:04:00.0\n");
        assertThat(discovery.rshimOf("0000:04:00.0")).as("an address not known looks again").map(RshimDevice::name)
                .hasValue("rshim1");
    }
}
