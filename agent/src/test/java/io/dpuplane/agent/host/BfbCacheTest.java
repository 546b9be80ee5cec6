package io.dpuplane.agent.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dpuplane.bfb.BfbVersions;
import io.dpuplane.bfb.BootStreamWriter;
import io.dpuplane.testkit.http.LoopbackFileServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BfbCacheTest {

    private static final int MIB = 1 << 20;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final BfbCache.Progress QUIET = (activity, bytes, total) -> { };

    private static LoopbackFileServer registry;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        registry = new LoopbackFileServer();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void theInstallsOfOneBfbOnAHostShareOneDownload() throws Exception {
        byte[] bfb = bfb("2.9.1", MIB);
        String url = registry.serve("/shared.bfb", bfb);
        ExecutorService installs = Executors.newFixedThreadPool(8);
        try (BfbCache cache = new BfbCache(dir, Duration.ofSeconds(10), 2)) {
            List<Future<BfbCache.Lease>> leases = new ArrayList<>();
            for (int card = 0; card < 8; card++) {
                leases.add(installs.submit(() -> cache.fetch(url, sha256(bfb), QUIET, () -> false)));
            }
            for (Future<BfbCache.Lease> lease : leases) {
                try (BfbCache.Lease held = lease.get()) {
                    assertThat(Files.readAllBytes(held.file())).isEqualTo(bfb);
                    assertThat(held.report().versions().doca()).isEqualTo("2.9.1");
                }
            }
            try (BfbCache.Lease later = cache.fetch(url, sha256(bfb), QUIET, () -> false)) {
                assertThat(later.size()).isEqualTo(bfb.length);
            }
            assertThat(registry.requests("/shared.bfb")).isEqualTo(1);
        } finally {
            installs.shutdownNow();
        }
    }

    @Test
    void aCopyDamagedOnDiskWhileTheAgentWasDownIsDownloadedAgain() throws Exception {
        byte[] bfb = bfb("2.9.1", MIB);
        String url = registry.serve("/damaged-at-rest.bfb", bfb);
        Path kept;
        try (BfbCache cache = new BfbCache(dir, Duration.ofSeconds(10), 2);
                BfbCache.Lease lease = cache.fetch(url, sha256(bfb), QUIET, () -> false)) {
            kept = lease.file();
        }
        byte[] damaged = Files.readAllBytes(kept);
        damaged[damaged.length / 2] ^= 0x01;
        Files.write(kept, damaged);

        try (BfbCache restarted = new BfbCache(dir, Duration.ofSeconds(10), 2);
                BfbCache.Lease lease = restarted.fetch(url, sha256(bfb), QUIET, () -> false)) {
            assertThat(Files.readAllBytes(lease.file())).isEqualTo(bfb);
        }
        assertThat(registry.requests("/damaged-at-rest.bfb")).isEqualTo(2);
    }

    @Test
    void aCopyFoundIntactAfterARestartIsUsedWithoutTheRegistry() throws Exception {
        byte[] bfb = bfb("2.9.1", MIB);
        String url = registry.serve("/kept.bfb", bfb);
        try (BfbCache cache = new BfbCache(dir, Duration.ofSeconds(10), 2)) {
            cache.fetch(url, sha256(bfb), QUIET, () -> false).close();
        }
        try (BfbCache restarted = new BfbCache(dir, Duration.ofSeconds(10), 2);
                BfbCache.Lease lease = restarted.fetch(url, sha256(bfb), QUIET, () -> false)) {
            assertThat(lease.report().versions().doca()).isEqualTo("2.9.1");
        }
        assertThat(registry.requests("/kept.bfb")).isEqualTo(1);
    }

    @Test
    void onlyTheMostRecentlyUsedCopiesAreKeptAndOneBeingStreamedIsNeverDeleted() throws Exception {
        byte[] first = bfb("2.9.0", 64 * 1024);
        byte[] second = bfb("2.9.1", 64 * 1024);
        byte[] third = bfb("2.9.2", 64 * 1024);
        try (BfbCache cache = new BfbCache(dir, Duration.ofSeconds(10), 1)) {
            BfbCache.Lease streaming = cache.fetch(registry.serve("/first.bfb", first), sha256(first), QUIET, () -> false);
            cache.fetch(registry.serve("/second.bfb", second), sha256(second), QUIET, () -> false).close();
            assertThat(streaming.file()).exists();
            streaming.close();
            cache.fetch(registry.serve("/third.bfb", third), sha256(third), QUIET, () -> false).close();

            assertThat(bfbsIn(dir)).containsExactly(sha256(third) + ".bfb");
        }
    }

    @Test
    void anImageThatIsNotTheOneAskedForIsRefusedAndNothingIsKept() throws Exception {
        byte[] bfb = bfb("2.9.1", 64 * 1024);
        String url = registry.serve("/other.bfb", bfb);
        String want = "ab".repeat(32);
        try (BfbCache cache = new BfbCache(dir, Duration.ofSeconds(10), 2)) {
            assertThatThrownBy(() -> cache.fetch(url, want, QUIET, () -> false))
                    .isInstanceOf(BfbCache.Unusable.class)
                    .hasMessage("sha256 mismatch: want " + want + ", got " + sha256(bfb));
        }
        assertThat(bfbsIn(dir)).isEmpty();
    }

    @Test
    void aBfbAskedForWithoutADigestIsDownloadedForThatInstallAloneAndDeletedAfter() throws Exception {
        byte[] bfb = bfb("2.9.1", 64 * 1024);
        String url = registry.serve("/unnamed.bfb", bfb);
        try (BfbCache cache = new BfbCache(dir, Duration.ofSeconds(10), 2)) {
            BfbCache.Lease one = cache.fetch(url, "", QUIET, () -> false);
            BfbCache.Lease two = cache.fetch(url, "", QUIET, () -> false);
            assertThat(one.file()).isNotEqualTo(two.file());
            one.close();
            two.close();
            assertThat(one.file()).doesNotExist();
            assertThat(two.file()).doesNotExist();
        }
        assertThat(registry.requests("/unnamed.bfb")).isEqualTo(2);
    }

    @Test
    void anInstallThatStopsWaitingLeavesTheDownloadToTheOthersAndTheLastOneEndsIt() throws Exception {
        byte[] bfb = bfb("2.9.1", 4 * MIB);
        ExecutorService installs = Executors.newFixedThreadPool(2);
        try (MisbehavingRegistry stalling = MisbehavingRegistry.stallingAfter(MIB, bfb);
                BfbCache cache = new BfbCache(dir, Duration.ofMinutes(10), 2)) {
            String url = stalling.url("/stalls.bfb");
            AtomicBoolean firstCancelled = new AtomicBoolean();
            AtomicBoolean secondCancelled = new AtomicBoolean();
            long[] seen = new long[1];
            Set<BfbCache.Activity> told = ConcurrentHashMap.newKeySet();
            Future<BfbCache.Lease> first = installs.submit(() -> cache.fetch(url, sha256(bfb), QUIET, firstCancelled::get));
            Future<BfbCache.Lease> second = installs.submit(() -> cache.fetch(url, sha256(bfb),
                    (activity, bytes, total) -> {
                        told.add(activity);
                        seen[0] = bytes;
                    }, secondCancelled::get));
            await().atMost(WAIT).until(() -> seen[0] == MIB);
            assertThat(told).as("a download, told as one (no copy was kept)").containsOnly(BfbCache.Activity.DOWNLOADING);

            firstCancelled.set(true);
            assertThatThrownBy(first::get).hasCauseInstanceOf(BfbCache.Abandoned.class);
            assertThat(second.isDone()).isFalse();
            assertThat(partsIn(dir)).hasSize(1);

            secondCancelled.set(true);
            assertThatThrownBy(second::get).hasCauseInstanceOf(BfbCache.Abandoned.class);
            await().atMost(WAIT).until(() -> partsIn(dir).isEmpty());
        } finally {
            installs.shutdownNow();
        }
    }

    private static List<String> bfbsIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".bfb")).toList();
        }
    }

    private static List<String> partsIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".part")).toList();
        }
    }

    static byte[] bfb(String doca, int osBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BootStreamWriter.create().image(2, 4096).versions(new BfbVersions("v2.2(release)", "4.9.1-12", "4.9.1", doca))
                .image(62, osBytes).writeTo(out);
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
