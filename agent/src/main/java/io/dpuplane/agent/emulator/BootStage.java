package io.dpuplane.agent.emulator;

import java.time.Duration;

/** The stages a BlueField goes through after a boot stream, with their real-world durations. */
public enum BootStage {
    FIRMWARE("Loading firmware (ATF BL2/BL31)", Duration.ofSeconds(20)),
    UEFI("UEFI: booting the installer", Duration.ofSeconds(15)),
    OS_INSTALL("Installing the OS to eMMC", Duration.ofSeconds(60)),
    CLOUD_INIT("cloud-init: applying bf.cfg", Duration.ofSeconds(90)),
    RUNNING("DPU is up", Duration.ZERO);

    private final String console;
    private final Duration realDuration;

    BootStage(String console, Duration realDuration) {
        this.console = console;
        this.realDuration = realDuration;
    }

    public String console() {
        return console;
    }

    public Duration realDuration() {
        return realDuration;
    }
}
