package io.dpuplane.bfb;

import static io.dpuplane.bfb.Streams.bytes;
import static io.dpuplane.bfb.Streams.concat;
import static io.dpuplane.bfb.Streams.validate;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InventoryVersionsTest {

    /** As {@code strings} shows it in a bf-bundle: braces and short lines are not printable runs of 4. */
    private static final String REALISTIC_INVENTORY = """
            {
              "//": "This JSON represents the software components of the BlueField boot stream",
              "@odata.type": "#SoftwareInventoryCollection.SoftwareInventoryCollection",
              "@odata.id": "/redfish/v1/UpdateService/FirmwareInventory",
              "Name": "Software Inventory Collection",
              "Members": [
                {
                  "@odata.id": "/redfish/v1/UpdateService/FirmwareInventory/BF3_ATF",
                  "Id": "BF3_ATF",
                  "Name": "BF3_ATF",
                  "Version": "4.10.0-40-g1b7c8a9",
                  "SoftwareId": ""
                },
                {
                  "Id": "BF3_UEFI",
                  "Name": "BF3_UEFI",
                  "Version": "4.10.0-62-gd5b8b46"
                },
                {
                  "Id": "BF3_BSP",
                  "Name": "BF3_BSP",
                  "Version": "4.10.0.13520"
                },
                {
                  "Id": "BF3_NIC_FW",
                  "Name": "BF3_NIC_FW",
                  "Version": "32.44.1036"
                },
                {
                  "Id": "DOCA",
                  "Name": "DOCA",
                  "Version": "3.0.0058-1"
                }
              ],
              "Members@odata.count": 5
            }
            """;

    private static final BfbVersions REALISTIC_VERSIONS = new BfbVersions("4.10.0-40-g1b7c8a9",
            "4.10.0-62-gd5b8b46", "4.10.0.13520", "3.0.0");

    /** The inventory text between binary bytes, as it sits in an image of a real bundle. */
    private static byte[] amidBinary(String text) {
        byte[] before = new byte[5000];
        byte[] after = new byte[3000];
        new SplittableRandom(7).nextBytes(before);
        new SplittableRandom(8).nextBytes(after);
        before[before.length - 1] = 0;
        after[0] = 0;
        return concat(before, text.getBytes(StandardCharsets.US_ASCII), after);
    }

    @Test
    void versionsAreReadFromARealisticInventoryAmidBinaryBytes() throws Exception {
        byte[] stream = bytes(BootStreamWriter.create().image(ImageType.BL2.id(), 10_000)
                .image(ImageType.INITRAMFS.id(), amidBinary(REALISTIC_INVENTORY)));

        assertThat(validate(stream, 64 * 1024).versions()).isEqualTo(REALISTIC_VERSIONS);
    }

    @Test
    void theInventoryIsFoundWhateverChunkBoundaryCutsItsMarker() throws Exception {
        byte[] stream = bytes(BootStreamWriter.create().image(ImageType.INITRAMFS.id(),
                amidBinary(REALISTIC_INVENTORY)));
        int marker = new String(stream, StandardCharsets.ISO_8859_1).indexOf("This JSON represents");

        for (int cut = marker - 25; cut <= marker + 25; cut++) {
            BootStreamValidator validator = new BootStreamValidator();
            validator.update(stream, 0, cut);
            validator.update(stream, cut, stream.length - cut);
            assertThat(validator.finish().versions()).as("cut at %d", cut).isEqualTo(REALISTIC_VERSIONS);
        }
        assertThat(validate(stream, 1).versions()).isEqualTo(REALISTIC_VERSIONS);
        assertThat(validate(stream, 3).versions()).isEqualTo(REALISTIC_VERSIONS);
    }

    @Test
    void bluefield2ComponentNamesAreRead() throws Exception {
        String bf2 = REALISTIC_INVENTORY.replace("BF3_", "BF2_");
        byte[] stream = bytes(BootStreamWriter.create().image(ImageType.BOOT_DESC.id(), amidBinary(bf2)));

        assertThat(validate(stream, 4096).versions()).isEqualTo(REALISTIC_VERSIONS);
    }

    @Test
    void aStreamWithoutInventoryHasNoVersions() throws Exception {
        byte[] stream = bytes(BootStreamWriter.create().image(ImageType.BL2.id(), 100_000));

        assertThat(validate(stream, 4096).versions()).isEqualTo(BfbVersions.empty());
    }

    @Test
    void aMarkerWithoutAnInventoryIsPassedOverForTheRealOne() throws Exception {
        String mention = "This JSON represents nothing: a log line that quotes the marker\n";
        byte[] stream = bytes(BootStreamWriter.create()
                .image(ImageType.BOOT_ARGS.id(), mention.getBytes(StandardCharsets.US_ASCII))
                .image(ImageType.INITRAMFS.id(), amidBinary(REALISTIC_INVENTORY)));

        assertThat(validate(stream, 4096).versions()).isEqualTo(REALISTIC_VERSIONS);
    }

    @Test
    void anInventoryThatNeverEndsIsGivenUpAfterTheWindow() throws Exception {
        String endless = "\"//\": \"This JSON represents\",\n" + "\"Name\": \"x\",\n".repeat(200_000)
                + "\"Members@odata.count\": 0\n";
        byte[] stream = bytes(BootStreamWriter.create().image(ImageType.INITRAMFS.id(),
                endless.getBytes(StandardCharsets.US_ASCII)));

        BootStreamReport report = validate(stream, 64 * 1024);

        assertThat(report.versions()).isEqualTo(BfbVersions.empty());
        assertThat(report.images()).hasSize(1);
    }

    @Test
    void aMinifiedInventoryOnOneLineIsRead() throws Exception {
        String oneLine = "{\"//\":\"This JSON represents the BFB\",\"Members\":[{\"Name\":\"DOCA\",\"Version\":"
                + "\"2.9.3008\"}],\"Members@odata.count\":1}";
        byte[] stream = bytes(BootStreamWriter.create().image(ImageType.BOOT_DESC.id(), amidBinary(oneLine)));

        assertThat(validate(stream, 16).versions()).isEqualTo(BfbVersions.ofDoca("2.9.3"));
    }

    @Test
    void theWrittenInventoryReadsAsDpfReadsIt() {
        String text = SoftwareInventory.render(new BfbVersions("a", "b", "c", "2.9.1"));
        StringBuilder dpfLines = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.length() >= 4) {
                dpfLines.append(line.strip()).append('\n');
            }
        }

        assertThat(dpfLines.toString()).startsWith("\"//\": \"This JSON represents").endsWith(
                "\"Members@odata.count\": 4\n");
        assertThat(SoftwareInventory.parse(dpfLines.toString())).contains(new BfbVersions("a", "b", "c", "2.9.1"));
    }
}
