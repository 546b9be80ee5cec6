package io.dpuplane.agent.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dpuplane.agent.emulator.BootStage;
import io.dpuplane.agent.emulator.DeviceFaults;
import io.dpuplane.agent.emulator.EmulatedDpu;
import io.dpuplane.agent.emulator.EmulatedHost;
import io.dpuplane.bfb.BfbVersions;
import io.dpuplane.bfb.BootStreamWriter;
import io.dpuplane.testkit.http.LoopbackFileServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Installs on emulated BlueFields that meet what a fleet meets: a registry that stops sending or hangs up
 * halfway, an empty body, a host's copy of a BFB damaged on its disk, and a card someone else resets while it
 * boots. Each must end FAILED (or CANCELLED) with a message that says what happened, and never with an image
 * completed on the card that nobody checked.
 */
class InstallFaultsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(1);
    private static final int MIB = 1 << 20;

    private static Path root;
    private static EmulatedHost host;
    private static HostDiscovery discovery;
    private static LoopbackFileServer registry;
    private static Operations operations;
    private static byte[] bfb;

    @BeforeAll
    static void start() throws IOException {
        root = Files.createTempDirectory("install-faults");
        host = EmulatedHost.start("faults", root.resolve("host"), 8, 0.002);
        discovery = new HostDiscovery(host.devRoot(), host.sysRoot());
        registry = new LoopbackFileServer();
        operations = new Operations(new OperationJournal(root.resolve("journal")), InstallFaultsTest::port,
                root.resolve("bfbs"), 2, Duration.ofMinutes(1), STALL_TIMEOUT);
        bfb = bfb("2.9.1");
    }

    @AfterAll
    static void stop() {
        operations.close();
        host.close();
        registry.close();
    }

    private static Optional<RshimPort> port(String pci) {
        return HostAgentEndToEndTest.port(discovery, pci);
    }

    private static byte[] bfb(String doca) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BootStreamWriter.create().image(2, 4096).versions(new BfbVersions("v2.2(release)", "4.9.1-12", "4.9.1", doca))
                .image(62, 4L * MIB).writeTo(out);
        return out.toByteArray();
    }

    private static OperationRecord awaitFinished(Operations on, String id) {
        await().atMost(WAIT).until(() -> on.get(id).orElseThrow().finished());
        return on.get(id).orElseThrow();
    }

    /** The card never saw a byte of the install: no boot stream began, and it was not reset either. */
    private static void assertUntouched(EmulatedDpu dpu) {
        assertThat(dpu.console()).noneMatch(l -> l.contains("boot stream") || l.contains("SW_RESET"));
        assertThat(dpu.installedVersions()).isEmpty();
    }

    @Test
    void aRegistryThatStopsSendingFailsTheInstallAfterTheStallTimeoutWithoutTouchingTheCard() throws IOException {
        try (MisbehavingRegistry stalling = MisbehavingRegistry.stallingAfter(MIB, bfb)) {
            String url = stalling.url("/bfbs/stalls.bfb");
            OperationRecord done = awaitFinished(operations,
                    operations.startInstall("0000:03:00.0", url, "", new byte[0], "test").id());

            assertThat(done.state()).isEqualTo(OperationRecord.State.FAILED);
            assertThat(done.error()).isEqualTo("the BFB registry sent nothing for 1 s after " + MIB + " of "
                    + bfb.length + " bytes from " + url + "; nothing was sent to the card");
            assertUntouched(host.dpu("0000:03:00.0"));
        }
    }

    @Test
    void aCancelEndsAnInstallWhoseRegistryStoppedSending() throws IOException {
        try (MisbehavingRegistry stalling = MisbehavingRegistry.stallingAfter(MIB, bfb);
                Operations patient = new Operations(new OperationJournal(root.resolve("patient-journal")),
                        InstallFaultsTest::port, root.resolve("patient-bfbs"), 2, Duration.ofMinutes(1),
                        Duration.ofMinutes(10))) {
            String id = patient.startInstall("0000:04:00.0", stalling.url("/bfbs/stalls.bfb"), "", new byte[0], "test").id();
            // All the registry sent has arrived: the download now waits for a byte that never comes.
            await().atMost(WAIT).until(() -> patient.get(id).orElseThrow().bytesPushed() == MIB);
            assertThat(patient.get(id).orElseThrow().stage()).isEqualTo("Downloading");

            patient.cancel(id);

            OperationRecord done = awaitFinished(patient, id);
            assertThat(done.state()).isEqualTo(OperationRecord.State.CANCELLED);
            assertThat(done.error()).isEqualTo("cancelled while the BFB downloaded; nothing was sent to the card");
            assertUntouched(host.dpu("0000:04:00.0"));
        }
    }

    @Test
    void aBodyTheRegistryCutsShortIsRefusedWithHowManyOfItsBytesArrived() throws IOException {
        int half = bfb.length / 2;
        try (MisbehavingRegistry hangingUp = MisbehavingRegistry.hangingUpAfter(half, bfb)) {
            String url = hangingUp.url("/bfbs/half.bfb");
            OperationRecord done = awaitFinished(operations,
                    operations.startInstall("0000:05:00.0", url, "", new byte[0], "test").id());

            assertThat(done.state()).isEqualTo(OperationRecord.State.FAILED);
            // The count is what reached the agent's reads before the cut; the HTTP client may hold back the last
            // bytes it received when it sees the connection end early.
            assertThat(done.error()).matches("the BFB registry sent \\d+ of " + bfb.length + " bytes from "
                    + java.util.regex.Pattern.quote(url) + " .*; nothing was sent to the card");
            long sent = Long.parseLong(done.error().replaceFirst("^the BFB registry sent (\\d+) of .*", "$1"));
            assertThat(sent).isPositive().isLessThanOrEqualTo(half);
            assertUntouched(host.dpu("0000:05:00.0"));
        }
    }

    @Test
    void anEmptyBodyIsRefusedAsNothingFromTheRegistry() {
        String url = registry.serve("/bfbs/empty.bfb", new byte[0]);
        OperationRecord done = awaitFinished(operations,
                operations.startInstall("0000:06:00.0", url, "", new byte[0], "test").id());

        assertThat(done.state()).isEqualTo(OperationRecord.State.FAILED);
        assertThat(done.error())
                .isEqualTo("the BFB registry sent 0 bytes from " + url + "; nothing was sent to the card");
        assertUntouched(host.dpu("0000:06:00.0"));
    }

    @Test
    void aCardResetBySomeoneElseWhileItBootsFailsTheInstallThoughItsOldOsComesUp() throws IOException {
        EmulatedDpu dpu = host.dpu("0000:07:00.0");
        String older = registry.serve("/bfbs/doca-2.8.0.bfb", bfb("2.8.0"));
        OperationRecord first = awaitFinished(operations,
                operations.startInstall("0000:07:00.0", older, "", new byte[0], "test").id());
        assertThat(first.state()).as(first.error()).isEqualTo(OperationRecord.State.SUCCEEDED);

        dpu.setFaults(DeviceFaults.none().hangingAt(BootStage.CLOUD_INIT));
        String id = operations.startInstall("0000:07:00.0", registry.serve("/bfbs/doca-2.9.1.bfb", bfb), "",
                new byte[0], "test").id();
        await().atMost(WAIT).until(() -> dpu.stage().filter(BootStage.CLOUD_INIT::equals).isPresent());
        dpu.setFaults(DeviceFaults.none());
        // What another tool does to the card: the rshim reset, behind the agent's back.
        Files.writeString(dpu.rshimDirectory().resolve("misc"), "SW_RESET 1\n");

        OperationRecord done = awaitFinished(operations, id);
        assertThat(done.state()).isEqualTo(OperationRecord.State.FAILED);
        assertThat(done.error()).isEqualTo("the card was reset by someone else during the install"
                + " (console: SW_RESET: resetting the DPU); the device was reset");
        await().atMost(WAIT).until(() -> dpu.state() == EmulatedDpu.State.RUNNING);
        assertThat(dpu.installedVersions()).hasValueSatisfying(v -> assertThat(v.doca()).isEqualTo("2.8.0"));
        assertThat(dpu.console()).anyMatch(l -> l.endsWith("DPU is up: DOCA 2.8.0"));
    }

    @Test
    void aHostsCopyDamagedOnDiskIsRefusedWhileStreamedAndTheNextInstallDownloadsItAgain() throws Exception {
        byte[] image = bfb("2.9.3");
        String url = registry.serve("/bfbs/damaged-later.bfb", image);
        String sha = BfbCacheTest.sha256(image);
        OperationRecord first = awaitFinished(operations,
                operations.startInstall("0000:08:00.0", url, sha, new byte[0], "test").id());
        assertThat(first.state()).as(first.error()).isEqualTo(OperationRecord.State.SUCCEEDED);
        Path copy = root.resolve("bfbs").resolve(sha + ".bfb");
        byte[] damaged = Files.readAllBytes(copy);
        damaged[damaged.length / 2] ^= 0x10;
        Files.write(copy, damaged);

        OperationRecord refused = awaitFinished(operations,
                operations.startInstall("0000:09:00.0", url, sha, new byte[0], "test").id());

        assertThat(refused.state()).isEqualTo(OperationRecord.State.FAILED);
        assertThat(refused.error()).startsWith("this host's copy of the BFB is damaged (stopped after ")
                .contains("CRC mismatch").endsWith("); it was deleted and the next attempt downloads it again; "
                        + "nothing was flashed and the device was reset");
        assertThat(copy).doesNotExist();
        EmulatedDpu card = host.dpu("0000:09:00.0");
        await().atMost(WAIT).until(() -> card.console().stream().anyMatch(l -> l.contains("boot stream rejected")));
        assertThat(card.installedVersions()).isEmpty();

        OperationRecord again = awaitFinished(operations,
                operations.startInstall("0000:0a:00.0", url, sha, new byte[0], "test").id());
        assertThat(again.state()).as(again.error()).isEqualTo(OperationRecord.State.SUCCEEDED);
        assertThat(registry.requests("/bfbs/damaged-later.bfb")).isEqualTo(2);
    }

    @Test
    void anInstallTheAgentStoppedDuringWhileItsBfbDownloadedIsReportedAndItsCardLeftAsItIs() {
        OperationJournal journal = new OperationJournal(root.resolve("crashed-while-downloading"));
        journal.write(new OperationRecord("crashed-1", "0000:03:00.0", "http://127.0.0.1:1/bfbs/big.bfb", "", "test",
                OperationRecord.State.RUNNING, Operations.DOWNLOADING, 4 * MIB, 1024L * MIB, List.of(), null,
                Operations.now(), null, null));

        try (Operations restarted = new Operations(journal, InstallFaultsTest::port, root.resolve("crashed-bfbs"), 2,
                Duration.ofMinutes(1), STALL_TIMEOUT)) {
            OperationRecord record = restarted.get("crashed-1").orElseThrow();
            assertThat(record.state()).isEqualTo(OperationRecord.State.INTERRUPTED);
            assertThat(record.error()).isEqualTo("the agent restarted while this install was Downloading; nothing had "
                    + "been sent to the card");
        }
        assertThat(host.dpu("0000:03:00.0").console()).noneMatch(l -> l.contains("SW_RESET"));
    }
}
