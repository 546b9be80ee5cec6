package io.dpuplane.bfb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

/** Surefire gives this module a 256 MiB heap: a validator that buffered an image could not get through. */
class LargeStreamTest {

    @Test
    void aMultiGibStreamValidatesInConstantMemory() throws Exception {
        BootStreamWriter writer = BootStreamWriter.create()
                .image(ImageType.BL2.id(), 45_061)
                .image(ImageType.INITRAMFS.id(), (3L << 30) + 5)
                .versions(new BfbVersions("4.9.1", "4.9.1", "4.9.1", "2.9.1"));
        BootStreamValidator validator = new BootStreamValidator();

        writer.writeTo(new ValidatingStream(validator));
        BootStreamReport report = validator.finish();

        assertThat(report.totalBytes()).isEqualTo(writer.size()).isGreaterThan(3L << 30);
        assertThat(report.images()).extracting(BootImage::length).containsExactly(45_061L, (3L << 30) + 5,
                report.images().get(2).length());
        assertThat(report.versions().doca()).isEqualTo("2.9.1");
    }

    /** Hands what the writer writes straight to the validator, in 64 KiB chunks. */
    private static final class ValidatingStream extends OutputStream {

        private final BootStreamValidator validator;

        ValidatingStream(BootStreamValidator validator) {
            this.validator = validator;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            for (int at = offset; at < offset + length; at += 1 << 16) {
                validator.update(buffer, at, Math.min(1 << 16, offset + length - at));
            }
        }
    }
}
