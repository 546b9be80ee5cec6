package io.dpuplane.agent.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A console read as rshim's is, a character device with no size and no past: here a FIFO a "card" (this test) holds
 * open for reading and writing, as the emulator does, and writes lines into.
 */
class ConsoleTapTest {

    private static final Duration SOON = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private RandomAccessFile card;

    private Path console() {
        return dir.resolve("rshim0").resolve("console");
    }

    private void plugIn() throws IOException, InterruptedException {
        Files.createDirectories(console().getParent());
        if (!Files.exists(console())) {
            Process mkfifo = new ProcessBuilder("mkfifo", console().toString()).start();
            assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(mkfifo.exitValue()).isZero();
        }
        card = new RandomAccessFile(console().toFile(), "rw");
    }

    /** The tap of a card's console, the card plugged in and having printed {@code before} already. */
    private ConsoleTap tapOfACardThatPrinted(String before) throws IOException, InterruptedException {
        plugIn();
        print(before);
        return ConsoleTap.of(console());
    }

    private void print(String text) throws IOException {
        card.write(text.getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void unplug() throws IOException {
        if (card != null) {
            card.close();
        }
    }

    @Test
    void whatTheDeviceHeldBeforeTheFollowBeganIsTheTailButNotNew() throws Exception {
        ConsoleTap tap = tapOfACardThatPrinted("t0 ERROR: Installing the OS to eMMC failed\n");
        ConsoleTap.Follower follower = tap.follow();

        assertThat(follower.next(Duration.ZERO)).isEmpty();
        assertThat(tap.tail(20)).containsExactly("t0 ERROR: Installing the OS to eMMC failed");
        print("t1 rshim: receiving a boot stream\n");
        assertThat(follower.next(SOON)).containsExactly("t1 rshim: receiving a boot stream");
        assertThat(follower.next(Duration.ZERO)).as("each line once").isEmpty();
    }

    @Test
    void aFollowerWaitsForTheCardToPrintInsteadOfLookingAgainAndAgain() throws Exception {
        plugIn();
        ConsoleTap.Follower follower = ConsoleTap.of(console()).follow();
        AtomicReference<List<String>> printed = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                printed.set(follower.next(SOON));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        reader.start();
        await("the follower waits for the card").atMost(SOON).until(() -> reader.getState() == Thread.State.TIMED_WAITING);

        long started = System.nanoTime();
        print("t1 DPU is up: DOCA 2.9.1\n");
        reader.join(SOON.toMillis());

        assertThat(printed.get()).containsExactly("t1 DPU is up: DOCA 2.9.1");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("woken by the line, not by the timeout")
                .isLessThan(SOON.dividedBy(2));
    }

    @Test
    void aLineIsNewOnceItIsComplete() throws Exception {
        plugIn();
        ConsoleTap.Follower follower = ConsoleTap.of(console()).follow();
        print("t1 DPU is u");
        assertThat(follower.next(Duration.ofMillis(300))).isEmpty();
        print("p: DOCA 2.9.1\n");
        assertThat(follower.next(SOON)).containsExactly("t1 DPU is up: DOCA 2.9.1");
    }

    @Test
    void theSameTextPrintedAgainLaterIsNew() throws Exception {
        ConsoleTap tap = tapOfACardThatPrinted("t0 ERROR: Installing the OS to eMMC failed\n");
        ConsoleTap.Follower follower = tap.follow();
        for (int i = 0; i < 30; i++) {
            print("t1 cloud-init: step " + i + "\n");
        }
        print("t0 ERROR: Installing the OS to eMMC failed\n");

        List<String> printed = new java.util.ArrayList<>();
        while (printed.size() < 31) {
            List<String> more = follower.next(SOON);
            assertThat(more).as("the card printed 31 lines").isNotEmpty();
            printed.addAll(more);
        }
        assertThat(printed).hasSize(31).last().isEqualTo("t0 ERROR: Installing the OS to eMMC failed");
        assertThat(tap.tail(20)).hasSize(20).first().isEqualTo("t1 cloud-init: step 11");
    }

    @Test
    void aConsoleThatEndedIsReadAgainOnceTheDeviceIsBack() throws Exception {
        plugIn();
        ConsoleTap.Follower follower = ConsoleTap.of(console()).follow();
        card.close();
        card = null;

        plugIn();
        print("t2 boot ROM: ready\n");

        assertThat(follower.next(SOON)).containsExactly("t2 boot ROM: ready");
    }

    @Test
    void aConsoleCapturedToAPlainFileIsFollowedAsTailDoes() throws Exception {
        Files.createDirectories(console().getParent());
        Files.writeString(console(), "t0 an old line\n");
        ConsoleTap tap = ConsoleTap.of(console());
        ConsoleTap.Follower follower = tap.follow();

        Files.writeString(console(), "t1 boot ROM: ready\n", StandardOpenOption.APPEND);

        assertThat(follower.next(SOON)).containsExactly("t1 boot ROM: ready");
        assertThat(tap.tail(2)).containsExactly("t0 an old line", "t1 boot ROM: ready");
    }
}
