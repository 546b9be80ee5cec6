package io.dpuplane.agent.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The guard over a real loopback connection: the peer plays the registry. */
class StallGuardTest {

    private static final Duration TIMEOUT = Duration.ofMillis(200);

    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
    private ServerSocket server;
    private Socket download;
    private Socket registry;

    @BeforeEach
    void connect() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        download = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        registry = server.accept();
    }

    @AfterEach
    void disconnect() throws IOException {
        watchdog.shutdownNow();
        download.close();
        registry.close();
        server.close();
    }

    @Test
    void aReadThatGetsNoByteForTheStallTimeoutEndsAsStalled() throws IOException {
        try (StallGuard guard = new StallGuard(download.getInputStream(), TIMEOUT, watchdog)) {
            registry.getOutputStream().write(1);
            assertThat(guard.read()).isEqualTo(1);

            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(guard::read)
                    .isInstanceOfSatisfying(StallGuard.Stalled.class, e -> assertThat(e.timeout()).isEqualTo(TIMEOUT)));
        }
    }

    @Test
    void timeSpentAwayFromTheBodyIsNeverAStall() throws IOException {
        try (StallGuard guard = new StallGuard(download.getInputStream(), TIMEOUT, watchdog)) {
            registry.getOutputStream().write(1);
            assertThat(guard.read()).isEqualTo(1);

            // The reader is busy elsewhere (a slow device) for four stall timeouts: the body stays open.
            await().during(TIMEOUT.multipliedBy(4)).atMost(TIMEOUT.multipliedBy(10)).until(() -> !download.isClosed());
            registry.getOutputStream().write(2);
            assertThat(guard.read()).isEqualTo(2);
        }
    }
}
