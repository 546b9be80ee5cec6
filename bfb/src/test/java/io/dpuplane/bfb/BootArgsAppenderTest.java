package io.dpuplane.bfb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BootArgsAppenderTest {

    private static byte[] bfb() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BootStreamWriter.create().image(2, 1000).versions(new BfbVersions(null, null, null, "2.9.1")).image(62, 5003)
                .writeTo(out);
        return out.toByteArray();
    }

    @Test
    void theBfCfgArrivesAsTheLastImageOfAStreamThatStillValidates() throws IOException {
        byte[] bfb = bfb();
        String bfCfg = "# bf.cfg\nDPUPLANE_NODE_NAME=host1-0000-03-00-0\n";
        ByteArrayOutputStream device = new ByteArrayOutputStream();
        try (BootArgsAppender appender = new BootArgsAppender(device, bfCfg.getBytes(StandardCharsets.UTF_8))) {
            for (int i = 0; i < bfb.length; i += 7) {
                appender.write(bfb, i, Math.min(7, bfb.length - i));
            }
        }
        BootStreamValidator validator = new BootStreamValidator().capture(ImageType.BOOT_ARGS.id(), 1 << 16);
        byte[] streamed = device.toByteArray();
        validator.update(streamed, 0, streamed.length);
        BootStreamReport report = validator.finish();
        assertThat(report.images()).extracting(BootImage::id).endsWith(62, ImageType.BOOT_ARGS.id());
        assertThat(report.versions().doca()).isEqualTo("2.9.1");
        assertThat(new String(validator.captured().orElseThrow(), StandardCharsets.UTF_8)).isEqualTo(bfCfg);
    }

    @Test
    void aStreamCutShortGetsNoBootArgsSoTheDeviceSeesItTruncated() throws IOException {
        byte[] bfb = bfb();
        ByteArrayOutputStream device = new ByteArrayOutputStream();
        try (BootArgsAppender appender = new BootArgsAppender(device, "x".getBytes(StandardCharsets.UTF_8))) {
            appender.write(bfb, 0, bfb.length / 2);
        }
        assertThat(device.toByteArray()).hasSize(bfb.length / 2);
        assertThat(BootStreams.validate(new ByteArrayInputStream(bfb)).images()).hasSize(3);
    }
}
