package io.dpuplane.cli.bfb;

import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.bfb.BootStreamWriter;
import io.dpuplane.bfb.ImageType;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusMainTest
class InspectCommandTest {

    private static final long BL2 = 40_000;
    private static final long BL31 = 150_000;

    @TempDir
    Path dir;

    /** Three images: bl2 at byte 0, bl31 at byte 40024, an initramfs at byte 190048. */
    private Path bfb(String name) throws Exception {
        Path file = dir.resolve(name);
        BootStreamWriter.create().image(ImageType.BL2.id(), BL2).image(ImageType.BL31.id(), BL31)
                .image(ImageType.INITRAMFS.id(), 500_000).writeTo(file);
        return file;
    }

    @Test
    void aFlippedByteExitsOneNamingTheImageAndItsOffset(QuarkusMainLauncher launcher) throws Exception {
        Path file = bfb("corrupt.bfb");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(24 + BL2 + 24 + 777);
            int b = raf.read();
            raf.seek(24 + BL2 + 24 + 777);
            raf.write(b ^ 0x40);
        }

        LaunchResult inspect = launcher.launch("bfb", "inspect", file.toString());

        assertThat(inspect.exitCode()).isEqualTo(1);
        assertThat(inspect.getErrorOutput()).containsPattern(
                "corrupt.bfb: malformed boot stream: image 1 \\(id 3\\) at byte 40024: CRC mismatch: header says"
                        + " 0x[0-9a-f]{8}, data gives 0x[0-9a-f]{8}");
        assertThat(inspect.getOutput()).doesNotContain("sha256");
    }

    @Test
    void aTruncatedDownloadExitsOneNamingTheImageCutShort(QuarkusMainLauncher launcher) throws Exception {
        Path file = bfb("partial.bfb");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(300_000);
        }

        LaunchResult inspect = launcher.launch("bfb", "inspect", file.toString());

        assertThat(inspect.exitCode()).isEqualTo(1);
        assertThat(inspect.getErrorOutput()).contains("image 2 (id 63) at byte 190048: truncated image");
    }

    @Test
    void aFileThatIsNotABfbIsBadMagicAtByteZero(QuarkusMainLauncher launcher) throws Exception {
        Path html = Files.writeString(dir.resolve("bf-bundle.bfb"), "<html><body>404 Not Found</body></html>\n");

        LaunchResult inspect = launcher.launch("bfb", "inspect", html.toString());

        assertThat(inspect.exitCode()).isEqualTo(1);
        assertThat(inspect.getErrorOutput())
                .contains("image 0 at byte 0: bad magic 0x6d74683c, expected 0x13026642: not a BlueField boot stream");
    }

    @Test
    void aMissingFileExitsTwo(QuarkusMainLauncher launcher) {
        Path missing = dir.resolve("nowhere.bfb");

        LaunchResult inspect = launcher.launch("bfb", "inspect", missing.toString());

        assertThat(inspect.exitCode()).isEqualTo(2);
        assertThat(inspect.getErrorOutput()).contains(missing + ": no such file");
    }

    @Test
    void withoutAnInventoryTheDocaVersionComesFromTheFileName(QuarkusMainLauncher launcher) throws Exception {
        Path file = bfb("bf-bundle-2.9.1-19_24.11_ubuntu-22.04_prod.bfb");

        LaunchResult inspect = launcher.launch("bfb", "inspect", file.toString());

        assertThat(inspect.exitCode()).as(inspect.getErrorOutput()).isZero();
        assertThat(inspect.getOutput()).containsPattern("doca\\s+2.9.1 \\(from the file name\\)")
                .containsPattern("atf\\s+unknown");
    }
}
