package io.dpuplane.bfb;

import static io.dpuplane.bfb.Streams.bytes;
import static io.dpuplane.bfb.Streams.concat;
import static io.dpuplane.bfb.Streams.header;
import static io.dpuplane.bfb.Streams.padded;
import static io.dpuplane.bfb.Streams.validate;
import static io.dpuplane.bfb.Streams.word0;
import static io.dpuplane.bfb.Streams.word1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BootStreamValidatorTest {

    private static final BfbVersions VERSIONS = new BfbVersions("4.9.1-25-g2ca6a3b", "4.9.1-31-gb6bf4b1",
            "4.9.1.13244", "2.9.1");

    /** bl2, bl31, bl33, the inventory, a bf.cfg, the kernel and an initramfs: the shape of a bf-bundle. */
    private static BootStreamWriter bundle() {
        return BootStreamWriter.create()
                .image(ImageType.BL2.id(), 45_061)
                .image(ImageType.BL31.id(), 163_847)
                .image(ImageType.BL33.id(), 300_003)
                .versions(VERSIONS)
                .bfCfg("ubuntu_PASSWORD='$1$example'\nENABLE_SFC_HBN=yes\n")
                .image(ImageType.IMAGE.id(), 200_000)
                .image(ImageType.INITRAMFS.id(), 1_000_001);
    }

    @Test
    void aWrittenStreamValidatesWithItsImagesAndVersions() throws Exception {
        BootStreamWriter writer = bundle();
        byte[] stream = bytes(writer);

        BootStreamReport report = BootStreams.validate(new ByteArrayInputStream(stream));

        assertThat(report.totalBytes()).isEqualTo(stream.length).isEqualTo(writer.size());
        assertThat(report.versions()).isEqualTo(VERSIONS);
        assertThat(report.images()).extracting(BootImage::id).containsExactly(1, 3, 5, 57, 59, 62, 63);
        assertThat(report.images()).extracting(BootImage::index).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(report.images().get(0)).satisfies(bl2 -> {
            assertThat(bl2.offset()).isZero();
            assertThat(bl2.length()).isEqualTo(45_061);
        });
        BootImage bl31 = report.images().get(1);
        assertThat(bl31.offset()).isEqualTo(24 + 45_064);
        CRC32 crc = new CRC32();
        crc.update(stream, (int) bl31.offset() + 24, 163_848);
        assertThat(bl31.crc()).isEqualTo(crc.getValue());
    }

    @ParameterizedTest(name = "{0}-byte chunks")
    @ValueSource(ints = {1, 7, 64 * 1024})
    void everyChunkingGivesTheSameReport(int chunk) throws Exception {
        byte[] stream = bytes(bundle());

        assertThat(validate(stream, chunk)).isEqualTo(validate(stream, stream.length));
    }

    @Test
    void aFlippedByteIsACrcMismatchNamingTheImageAndItsHeaderOffset() throws Exception {
        byte[] stream = bytes(bundle());
        BootImage bl33 = validate(stream, stream.length).images().get(2);
        stream[(int) (bl33.offset() + 24 + 1000)] ^= 0x01;

        assertThatThrownBy(() -> validate(stream, 4096))
                .isInstanceOfSatisfying(BootStreamException.class, e -> {
                    assertThat(e.defect()).isEqualTo(Defect.CRC_MISMATCH);
                    assertThat(e.imageIndex()).isEqualTo(2);
                    assertThat(e.offset()).isEqualTo(bl33.offset());
                })
                .hasMessageMatching("image 2 \\(id 5\\) at byte " + bl33.offset()
                        + ": CRC mismatch: header says 0x%08x, data gives 0x[0-9a-f]{8}".formatted(bl33.crc()));
    }

    @Test
    void aStreamCutInsideAHeaderIsATruncatedHeaderAtThatHeader() throws Exception {
        byte[] stream = bytes(bundle());
        BootImage bl31 = validate(stream, stream.length).images().get(1);
        byte[] cut = Arrays.copyOf(stream, (int) bl31.offset() + 10);

        assertThatThrownBy(() -> validate(cut, 7))
                .isInstanceOfSatisfying(BootStreamException.class, e -> {
                    assertThat(e.defect()).isEqualTo(Defect.TRUNCATED_HEADER);
                    assertThat(e.imageIndex()).isEqualTo(1);
                    assertThat(e.offset()).isEqualTo(bl31.offset());
                })
                .hasMessage("image 1 at byte %d: truncated header: the stream ends after 10 of its 24 bytes",
                        bl31.offset());
    }

    @Test
    void aStreamCutInsideAnImageIsATruncatedImageAtItsHeader() throws Exception {
        byte[] stream = bytes(bundle());
        BootImage initramfs = validate(stream, stream.length).images().get(6);
        byte[] cut = Arrays.copyOf(stream, stream.length - 100);

        assertThatThrownBy(() -> validate(cut, 64 * 1024))
                .isInstanceOfSatisfying(BootStreamException.class, e -> {
                    assertThat(e.defect()).isEqualTo(Defect.TRUNCATED_IMAGE);
                    assertThat(e.imageIndex()).isEqualTo(6);
                    assertThat(e.offset()).isEqualTo(initramfs.offset());
                })
                .hasMessageContaining("image 6 (id 63) at byte " + initramfs.offset())
                .hasMessageContaining("the stream ends at byte " + cut.length + ", 100 of its 1000008 bytes");
    }

    @Test
    void aStreamEndingWhereAnAnnouncedImageShouldBeginIsTruncated() throws Exception {
        byte[] stream = bytes(bundle());
        BootImage kernel = validate(stream, stream.length).images().get(5);
        byte[] cut = Arrays.copyOf(stream, (int) kernel.offset());

        assertThatThrownBy(() -> validate(cut, 64 * 1024))
                .isInstanceOfSatisfying(BootStreamException.class, e -> {
                    assertThat(e.defect()).isEqualTo(Defect.TRUNCATED_HEADER);
                    assertThat(e.imageIndex()).isEqualTo(5);
                    assertThat(e.offset()).isEqualTo(kernel.offset());
                })
                .hasMessageContaining("image 4 (id 59) announced ids {62, 63} to follow");
    }

    @Test
    void bytesAfterTheLastImageAreTrailingGarbage() throws Exception {
        byte[] stream = bytes(bundle());
        byte[] withCfgAppended = concat(stream, "ENABLE_SFC_HBN=yes\n".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> validate(withCfgAppended, 64 * 1024))
                .isInstanceOfSatisfying(BootStreamException.class, e -> {
                    assertThat(e.defect()).isEqualTo(Defect.TRAILING_GARBAGE);
                    assertThat(e.offset()).isEqualTo(stream.length);
                    assertThat(e.imageIndex()).isEqualTo(7);
                })
                .hasMessage("at byte %d: trailing garbage after the last image (image 6, id 63, announces no more"
                        + " images)", stream.length);
    }

    @Test
    void aGzipFileIsBadMagicAtByteZero() {
        byte[] gzip = {0x1f, (byte) 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};

        assertThatThrownBy(() -> validate(gzip, 64 * 1024))
                .isInstanceOfSatisfying(BootStreamException.class, e -> {
                    assertThat(e.defect()).isEqualTo(Defect.BAD_MAGIC);
                    assertThat(e.offset()).isZero();
                    assertThat(e.imageIndex()).isZero();
                })
                .hasMessage("image 0 at byte 0: bad magic 0x00088b1f, expected 0x13026642: not a BlueField boot"
                        + " stream");
    }

    @Test
    void aTextFileIsBadMagicAtByteZeroEvenWhenShorterThanAHeader() {
        byte[] text = "404\n".getBytes(StandardCharsets.US_ASCII);
        byte[] tiny = "ok".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> validate(text, 1))
                .isInstanceOfSatisfying(BootStreamException.class,
                        e -> assertThat(e.defect()).isEqualTo(Defect.BAD_MAGIC))
                .hasMessageStartingWith("image 0 at byte 0: bad magic 0x0a343034");
        assertThatThrownBy(() -> validate(tiny, 1))
                .isInstanceOfSatisfying(BootStreamException.class, e -> {
                    assertThat(e.defect()).isEqualTo(Defect.BAD_MAGIC);
                    assertThat(e.offset()).isZero();
                });
    }

    @Test
    void anEmptyStreamIsRefused() {
        assertThatThrownBy(() -> validate(new byte[0], 1))
                .isInstanceOfSatisfying(BootStreamException.class,
                        e -> assertThat(e.defect()).isEqualTo(Defect.EMPTY_STREAM));
    }

    @Test
    void aHeaderWithAnExtraWordIsReadAndTheWordSkipped() throws Exception {
        byte[] first = "first image".getBytes(StandardCharsets.US_ASCII);
        byte[] second = "second".getBytes(StandardCharsets.US_ASCII);
        long fourWords = (word0(1) & ~(0xFL << 52)) | 4L << 52;
        byte[] stream = concat(
                header(fourWords, word1(first), 1L << 2), new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, padded(first),
                header(word0(2), word1(second), 0), padded(second));

        for (int chunk : new int[] {1, 5, stream.length}) {
            BootStreamReport report = validate(stream, chunk);
            assertThat(report.images()).containsExactly(
                    new BootImage(0, 1, 0, first.length, word1(first) >>> 32),
                    new BootImage(1, 2, 32 + 16, second.length, word1(second) >>> 32));
        }
    }

    @Test
    void reservedBitsAreIgnored() throws Exception {
        byte[] data = "data".getBytes(StandardCharsets.US_ASCII);
        long imageVersions = 1L << 44 | 2L << 48 | 0x5L << 40;

        BootStreamReport report = validate(concat(header(word0(62) | imageVersions, word1(data), 0), padded(data)), 3);

        assertThat(report.images()).singleElement().extracting(BootImage::id).isEqualTo(62);
    }

    @Test
    void theFollowingImagesBitmapsOfTheBluefieldBootHeaderExampleValidate() throws Exception {
        byte[] stream = bytes(BootStreamWriter.create().image(0, new byte[3]).image(1, new byte[8]).image(2, 9));

        assertThat(Streams.word(stream, 16)).isEqualTo(0x6);
        assertThat(Streams.word(stream, 24 + 8 + 16)).isEqualTo(0x4);
        assertThat(Streams.word(stream, 24 + 8 + 24 + 8 + 16)).isZero();
        assertThat(validate(stream, 2).images()).extracting(BootImage::id).containsExactly(0, 1, 2);
    }

    @Test
    void anEmptyImageIsValid() throws Exception {
        byte[] stream = bytes(BootStreamWriter.create().image(ImageType.BOOT_TIMEOUT.id(), new byte[0])
                .image(ImageType.IMAGE.id(), 100));

        assertThat(validate(stream, 1).images()).extracting(BootImage::length).containsExactly(0L, 100L);
    }

    @Test
    void anUnknownMajorVersionIsRefused() {
        byte[] data = new byte[8];
        byte[] stream = concat(header(word0(1) & ~(0xFL << 32) | 2L << 32, word1(data), 0), data);

        assertThatThrownBy(() -> validate(stream, 64))
                .isInstanceOfSatisfying(BootStreamException.class, e -> {
                    assertThat(e.defect()).isEqualTo(Defect.UNSUPPORTED_MAJOR_VERSION);
                    assertThat(e.offset()).isZero();
                })
                .hasMessage("image 0 (id 1) at byte 0: unsupported header major version 2, this reader knows 1");
    }

    @Test
    void aHeaderShorterThanThreeWordsIsMalformed() {
        byte[] stream = header(word0(1) & ~(0xFL << 52) | 2L << 52, 0, 0);

        assertThatThrownBy(() -> validate(stream, 64))
                .isInstanceOfSatisfying(BootStreamException.class,
                        e -> assertThat(e.defect()).isEqualTo(Defect.MALFORMED_HEADER))
                .hasMessageContaining("its length is 2 words");
    }

    @Test
    void anImageIdTheChainDidNotAnnounceIsMalformed() throws Exception {
        byte[] stream = bytes(BootStreamWriter.create().image(1, 8).image(3, 8).image(5, 8));
        stream[24 + 8 + 7] = 4;

        assertThatThrownBy(() -> validate(stream, 64))
                .isInstanceOfSatisfying(BootStreamException.class, e -> {
                    assertThat(e.defect()).isEqualTo(Defect.MALFORMED_HEADER);
                    assertThat(e.imageIndex()).isEqualTo(1);
                    assertThat(e.offset()).isEqualTo(32);
                })
                .hasMessage("image 1 (id 4) at byte 32: malformed header: image 0 (id 1) announced ids {3, 5} to"
                        + " follow, but this is id 4 followed by {5}");
    }

    @Test
    void theFirstDefectStaysTheAnswer() throws Exception {
        BootStreamValidator validator = new BootStreamValidator();
        byte[] text = "hello, world".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> validator.update(text, 0, text.length)).isInstanceOf(BootStreamException.class);
        assertThatThrownBy(validator::finish)
                .isInstanceOfSatisfying(BootStreamException.class,
                        e -> assertThat(e.defect()).isEqualTo(Defect.BAD_MAGIC));
    }
}
