package io.dpuplane.agent.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An emulated card hears of a reset written into its {@code misc} file when it is written, as a device would. */
class MiscWatchTest {

    // Sooner than the look every card takes anyway: the reset was told, not found.
    private static final Duration TOLD = MiscWatch.BACKSTOP.minusSeconds(1);

    @TempDir
    Path root;

    @Test
    void aResetWrittenIntoMiscIsTakenWhenWrittenAndReadsBackAsDone() throws Exception {
        try (EmulatedHost host = EmulatedHost.start("misc", root.resolve("host"), 3, 0.001)) {
            EmulatedDpu second = host.dpu("0000:04:00.0");
            Path misc = second.rshimDirectory().resolve("misc");

            Files.writeString(misc, "SW_RESET 1\n");

            await().atMost(TOLD).until(() -> second.console().stream().anyMatch(l -> l.contains("SW_RESET: resetting")));
            await().atMost(TOLD).until(() -> Files.readString(misc).contains("SW_RESET 0"));
            assertThat(host.dpu("0000:03:00.0").console()).noneMatch(l -> l.contains("SW_RESET"));
            assertThat(host.dpu("0000:05:00.0").console()).noneMatch(l -> l.contains("SW_RESET"));
        }
    }
}
