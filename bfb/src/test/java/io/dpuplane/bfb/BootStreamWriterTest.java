package io.dpuplane.bfb;

import static io.dpuplane.bfb.Streams.bytes;
import static io.dpuplane.bfb.Streams.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootStreamWriterTest {

    @Test
    void headersAreLaidOutAsMlxMkbfbWritesThem() {
        byte[] stream = bytes(BootStreamWriter.create().image(ImageType.BL2.id(), new byte[] {1, 2, 3}));

        long word0 = Streams.word(stream, 0);
        assertThat(word0 & 0xFFFF_FFFFL).as("magic").isEqualTo(0x13026642L);
        assertThat(word0 >>> 32 & 0xF).as("major").isEqualTo(1);
        assertThat(word0 >>> 36 & 0xF).as("minor").isEqualTo(2);
        assertThat(word0 >>> 40 & 0xFFF).as("reserved").isZero();
        assertThat(word0 >>> 52 & 0xF).as("header words").isEqualTo(3);
        assertThat(word0 >>> 56).as("id").isEqualTo(1);
        assertThat(Streams.word(stream, 8) & 0xFFFF_FFFFL).as("length").isEqualTo(3);
        assertThat(Arrays.copyOfRange(stream, 24, 32)).containsExactly(1, 2, 3, 0, 0, 0, 0, 0);
    }

    @Test
    void fillerIsTheSameOnEveryWriteAndDiffersBetweenImages() {
        BootStreamWriter writer = BootStreamWriter.create().image(62, 3_000_000).image(63, 3_000_000);

        byte[] first = bytes(writer);
        byte[] again = bytes(writer);

        assertThat(again).isEqualTo(first);
        assertThat(Arrays.copyOfRange(first, 24, 1024))
                .isNotEqualTo(Arrays.copyOfRange(first, 24 + 3_000_000 + 24, 3_000_000 + 48 + 1000));
    }

    @Test
    void sizeIsWhatIsWritten(@TempDir Path dir) throws Exception {
        String cfg = "ENABLE_SFC_HBN=yes\n";
        int inventory = SoftwareInventory.render(BfbVersions.ofDoca("2.9.1")).length();
        BootStreamWriter writer = BootStreamWriter.create().image(1, 5).versions(BfbVersions.ofDoca("2.9.1"))
                .bfCfg(cfg).image(63, 1_000_003);
        Path file = dir.resolve("out.bfb");

        writer.writeTo(file);

        assertThat(Files.size(file)).isEqualTo(writer.size()).isEqualTo(
                24 + 8 + 24 + padded(inventory) + 24 + padded(cfg.length()) + 24 + 1_000_008);
    }

    @Test
    void theBfCfgIsTheBootArgsImage() throws Exception {
        String cfg = "ubuntu_PASSWORD='$1$x'\n";
        byte[] stream = bytes(BootStreamWriter.create().image(ImageType.BL2.id(), 8).bfCfg(cfg));

        BootImage bootArgs = validate(stream, stream.length).images().get(1);

        assertThat(bootArgs.id()).isEqualTo(59);
        assertThat(new String(stream, (int) bootArgs.offset() + 24, (int) bootArgs.length(), StandardCharsets.UTF_8))
                .isEqualTo(cfg);
    }

    private static long padded(long length) {
        return (length + 7) / 8 * 8;
    }

    @Test
    void impossibleImagesAreRefused() {
        BootStreamWriter writer = BootStreamWriter.create();

        assertThatThrownBy(() -> writer.image(256, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.image(1, 1L << 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.writeTo(java.io.OutputStream.nullOutputStream()))
                .isInstanceOf(IllegalStateException.class);
    }
}
