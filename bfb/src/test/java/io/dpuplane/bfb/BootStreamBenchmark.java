package io.dpuplane.bfb;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Benchmark, not a test: streams a 2 GiB generated BFB from memory (no disk) in 64 KiB chunks through
 * (a) SHA-256 alone and (b) SHA-256 and a {@link BootStreamValidator} in the same pass, as the provider
 * downloads, and prints the throughput of each and their ratio (the goal: b at 80 % of a or better). The
 * inventory image comes last, so the marker search runs over every byte. Run it with {@code make bench}
 * ({@code -Dbench.rounds=5}).
 */
public final class BootStreamBenchmark {

    private static final long STREAM = 2L << 30;
    private static final int CHUNK = 1 << 16;
    private static final int WARMUP = 2;

    private BootStreamBenchmark() {
    }

    private interface Pass {
        void update(byte[] buffer, int offset, int length) throws IOException;

        default void end() throws IOException {
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 5);
        BootStreamWriter bfb = twoGibBfb();
        System.out.printf(Locale.ROOT, "BFB validation benchmark: %d bytes in %d KiB chunks, %d rounds after %d"
                + " warm-up, %s%n", bfb.size(), CHUNK / 1024, rounds, WARMUP, Runtime.version());
        bfb.writeTo(OutputStream.nullOutputStream());
        double[] source = new double[rounds];
        double[] sha = new double[rounds];
        double[] both = new double[rounds];
        double[] validator = new double[rounds];
        for (int round = -WARMUP; round < rounds; round++) {
            double s = mbPerSecond(bfb, (b, o, n) -> { });
            double a = mbPerSecond(bfb, sha256());
            double ab = mbPerSecond(bfb, sha256AndValidator());
            double v = mbPerSecond(bfb, validator());
            if (round >= 0) {
                source[round] = s;
                sha[round] = a;
                both[round] = ab;
                validator[round] = v;
            }
            System.out.printf(Locale.ROOT, "  %s  source %6.0f  sha256 %6.0f  sha256+validator %6.0f  validator %6.0f"
                    + " MB/s%n", round < 0 ? "warm-up" : "round " + (round + 1), s, a, ab, v);
        }
        double medianSha = median(sha);
        double medianBoth = median(both);
        System.out.printf(Locale.ROOT, "%nmedian of %d rounds (MB = 10^6 bytes)%n", rounds);
        System.out.printf(Locale.ROOT, "  generator alone (no consumer)      %7.0f MB/s%n", median(source));
        System.out.printf(Locale.ROOT, "  (a) sha256 alone                   %7.0f MB/s%n", medianSha);
        System.out.printf(Locale.ROOT, "  (b) sha256 + validator, one pass   %7.0f MB/s%n", medianBoth);
        System.out.printf(Locale.ROOT, "  validator alone                    %7.0f MB/s%n", median(validator));
        System.out.printf(Locale.ROOT, "  ratio b/a                          %7.1f %%  (goal >= 80 %%)%n",
                100 * medianBoth / medianSha);
    }

    /** Firmware images like a bf-bundle's, a big initramfs making up 2 GiB, then the inventory. */
    private static BootStreamWriter twoGibBfb() {
        byte[] inventory = SoftwareInventory.render(new BfbVersions("4.9.1", "4.9.1", "4.9.1", "2.9.1"))
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        BootStreamWriter firmware = BootStreamWriter.create()
                .image(ImageType.BL2.id(), 45_061)
                .image(ImageType.BL31.id(), 163_847)
                .image(ImageType.BL33.id(), 1_048_583)
                .image(ImageType.IMAGE.id(), 8L << 20);
        long initramfs = STREAM - firmware.size() - 2 * ImageHeader.LENGTH
                - (inventory.length + ImageHeader.padding(inventory.length));
        return firmware.image(ImageType.INITRAMFS.id(), initramfs).image(ImageType.BOOT_DESC.id(), inventory);
    }

    private static double mbPerSecond(BootStreamWriter bfb, Pass pass) throws IOException {
        long start = System.nanoTime();
        bfb.writeTo(new Chunks(pass));
        pass.end();
        return bfb.size() / ((System.nanoTime() - start) / 1e9) / 1e6;
    }

    private static Pass sha256() {
        MessageDigest digest = newSha256();
        return new Pass() {
            @Override
            public void update(byte[] buffer, int offset, int length) {
                digest.update(buffer, offset, length);
            }

            @Override
            public void end() {
                digest.digest();
            }
        };
    }

    private static Pass sha256AndValidator() {
        MessageDigest digest = newSha256();
        BootStreamValidator validator = new BootStreamValidator();
        return new Pass() {
            @Override
            public void update(byte[] buffer, int offset, int length) throws IOException {
                digest.update(buffer, offset, length);
                validator.update(buffer, offset, length);
            }

            @Override
            public void end() throws IOException {
                digest.digest();
                requireVersions(validator.finish());
            }
        };
    }

    private static Pass validator() {
        BootStreamValidator validator = new BootStreamValidator();
        return new Pass() {
            @Override
            public void update(byte[] buffer, int offset, int length) throws IOException {
                validator.update(buffer, offset, length);
            }

            @Override
            public void end() throws IOException {
                requireVersions(validator.finish());
            }
        };
    }

    private static void requireVersions(BootStreamReport report) {
        if (!"2.9.1".equals(report.versions().doca())) {
            throw new IllegalStateException("the validator missed the inventory: " + report.versions());
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Hands what the writer writes to a pass in chunks of at most 64 KiB, as a download would arrive. */
    private static final class Chunks extends OutputStream {

        private final Pass pass;

        Chunks(Pass pass) {
            this.pass = pass;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            for (int at = offset; at < offset + length; at += CHUNK) {
                pass.update(buffer, at, Math.min(CHUNK, offset + length - at));
            }
        }
    }
}
