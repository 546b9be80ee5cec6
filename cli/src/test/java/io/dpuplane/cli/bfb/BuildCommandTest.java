package io.dpuplane.cli.bfb;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusMainTest
class BuildCommandTest {

    @TempDir
    Path dir;

    @Test
    void aBuiltBfbInspectsWithItsImagesVersionsSizeAndDigest(QuarkusMainLauncher launcher) throws Exception {
        Path bfb = dir.resolve("synthetic.bfb");
        Path cfg = Files.writeString(dir.resolve("bf.cfg"), "ubuntu_PASSWORD='$1$example'\nENABLE_SFC_HBN=yes\n");

        LaunchResult build = launcher.launch("bfb", "build", "--output", bfb.toString(), "--doca", "3.0.0058-1",
                "--atf", "4.10.0-40-g1b7c8a9", "--size", "8MiB", "--bf-cfg", cfg.toString());

        assertThat(build.exitCode()).as(build.getErrorOutput()).isZero();
        String sha256 = sha256(bfb);
        assertThat(build.getOutput()).contains("sha256 " + sha256);
        assertThat(Files.size(bfb)).isEqualTo(8L << 20);

        LaunchResult inspect = launcher.launch("bfb", "inspect", bfb.toString());

        assertThat(inspect.exitCode()).as(inspect.getErrorOutput()).isZero();
        assertThat(inspect.getOutput())
                .contains("sha256    " + sha256)
                .contains("size      " + (8L << 20) + " bytes")
                .contains("images    7, every CRC-32 ok")
                .containsPattern("0\\s+1\\s+bl2\\s+0\\s+45061\\s+0x[0-9a-f]{8} ok")
                .containsPattern("4\\s+59\\s+boot-args\\s")
                .containsPattern("6\\s+63\\s+initramfs\\s")
                .containsPattern("(?m)atf\\s+4\\.10\\.0-40-g1b7c8a9$")
                .containsPattern("(?m)uefi\\s+5\\.0\\.0$")
                .containsPattern("(?m)bsp\\s+5\\.0\\.0$")
                .containsPattern("(?m)doca\\s+3\\.0\\.0$");
    }

    @Test
    void theDefaultsAreAnInventoryForDoca291(QuarkusMainLauncher launcher) throws Exception {
        Path bfb = dir.resolve("defaults.bfb");

        LaunchResult build = launcher.launch("bfb", "build", "--output", bfb.toString(), "--size", "4MiB");
        LaunchResult inspect = launcher.launch("bfb", "inspect", bfb.toString());

        assertThat(build.exitCode()).as(build.getErrorOutput()).isZero();
        assertThat(inspect.getOutput()).containsPattern("(?m)doca\\s+2\\.9\\.1$")
                .containsPattern("(?m)bsp\\s+4\\.9\\.1$").contains("images    6,");
    }

    @Test
    void aSizeTooSmallForTheFirmwareIsRefused(QuarkusMainLauncher launcher) {
        Path bfb = dir.resolve("tiny.bfb");

        LaunchResult build = launcher.launch("bfb", "build", "--output", bfb.toString(), "--size", "1MiB");

        assertThat(build.exitCode()).isEqualTo(2);
        assertThat(build.getErrorOutput()).contains("too small");
        assertThat(bfb).doesNotExist();
    }

    @Test
    void aSizeThatIsNotOneIsAUsageError(QuarkusMainLauncher launcher) {
        LaunchResult build = launcher.launch("bfb", "build", "--output", dir.resolve("x.bfb").toString(),
                "--size", "64 parsecs");

        assertThat(build.exitCode()).isEqualTo(2);
        assertThat(build.getErrorOutput()).contains("is not a size like");
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
