package io.dpuplane.agent.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BootConsoleTest {

    private static final List<String> BOOTING = List.of(
            "2025-01-01T00:00:00Z rshim: receiving a boot stream",
            "2025-01-01T00:00:01Z rshim: boot stream complete: 4 images, 4194816 bytes",
            "2025-01-01T00:00:02Z Loading firmware (ATF BL2/BL31)");

    private static List<String> then(String... lines) {
        return Stream.concat(BOOTING.stream(), Stream.of(lines)).toList();
    }

    @Test
    void linesThatTellNothingYetLeaveTheCardBooting() {
        assertThat(BootConsole.judge(BOOTING, "2.9.1")).isEqualTo(new BootConsole.Booting());
    }

    @Test
    void theDpuUpRunningTheStreamedDocaVersionIsUp() {
        assertThat(BootConsole.judge(then("2025-01-01T00:00:09Z DPU is up", "2025-01-01T00:00:09Z DPU is up: DOCA 2.9.1"),
                "2.9.1"))
                .isEqualTo(new BootConsole.Up());
    }

    @Test
    void theDpuUpRunningAnotherDocaVersionFailsTheInstall() {
        assertThat(BootConsole.judge(then("2025-01-01T00:00:09Z DPU is up", "2025-01-01T00:00:09Z DPU is up: DOCA 2.8.0"),
                "2.9.1"))
                .isEqualTo(new BootConsole.Failed("the DPU came up running DOCA 2.8.0, not the DOCA 2.9.1 this install"
                        + " streamed (console: DPU is up: DOCA 2.8.0)"));
    }

    @Test
    void aDpuUpThatNamesNoVersionIsNotTakenForTheStreamedImage() {
        assertThat(BootConsole.judge(then("2025-01-01T00:00:09Z DPU is up"), "2.9.1")).isEqualTo(new BootConsole.Booting());
    }

    @Test
    void anImageThatNamesNoDocaVersionTakesAnyDpuUp() {
        assertThat(BootConsole.judge(then("2025-01-01T00:00:09Z DPU is up"), null)).isEqualTo(new BootConsole.Up());
        assertThat(BootConsole.judge(then("2025-01-01T00:00:09Z DPU is up: DOCA unknown"), null))
                .isEqualTo(new BootConsole.Up());
    }

    @Test
    void aResetBeforeTheDpuIsUpFailsTheInstallThoughTheOldOsThenComesUp() {
        assertThat(BootConsole.judge(then("2025-01-01T00:00:05Z SW_RESET: resetting the DPU",
                "2025-01-01T00:00:06Z Loading firmware (ATF BL2/BL31)",
                "2025-01-01T00:00:09Z DPU is up: DOCA 2.9.1"), "2.9.1"))
                .isEqualTo(new BootConsole.Failed(
                        "the card was reset by someone else during the install (console: SW_RESET: resetting the DPU)"));
    }

    @Test
    void aResetAfterTheDpuIsUpDoesNotUndoTheInstall() {
        assertThat(BootConsole.judge(then("2025-01-01T00:00:09Z DPU is up: DOCA 2.9.1",
                "2025-01-01T00:00:10Z SW_RESET: resetting the DPU"), "2.9.1")).isEqualTo(new BootConsole.Up());
    }

    @Test
    void aBootErrorFailsTheInstallWithItsConsoleLine() {
        assertThat(BootConsole.judge(then("2025-01-01T00:00:05Z ERROR: Installing the OS to eMMC failed"), "2.9.1"))
                .isEqualTo(new BootConsole.Failed("the DPU failed to boot: ERROR: Installing the OS to eMMC failed"));
    }
}
