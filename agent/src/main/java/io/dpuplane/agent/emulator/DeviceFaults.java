package io.dpuplane.agent.emulator;

import java.util.Optional;

/**
 * The faults one emulated BlueField can be told to have: fail or hang at a boot stage, an rshim slower
 * than real (bytes per second), losing power after some bytes of an install, or a kubelet that does not run
 * (the DPU is up but neither joins nor reports to its cluster until the fault is lifted).
 */
public record DeviceFaults(Optional<BootStage> failAt, Optional<BootStage> hangAt, long rshimBytesPerSecond,
        long losePowerAfterBytes, boolean kubeletStopped) {

    public static DeviceFaults none() {
        return new DeviceFaults(Optional.empty(), Optional.empty(), 0, -1, false);
    }

    public DeviceFaults withKubeletStopped(boolean stopped) {
        return new DeviceFaults(failAt, hangAt, rshimBytesPerSecond, losePowerAfterBytes, stopped);
    }

    public DeviceFaults failingAt(BootStage stage) {
        return new DeviceFaults(Optional.of(stage), hangAt, rshimBytesPerSecond, losePowerAfterBytes, kubeletStopped);
    }

    public DeviceFaults hangingAt(BootStage stage) {
        return new DeviceFaults(failAt, Optional.of(stage), rshimBytesPerSecond, losePowerAfterBytes, kubeletStopped);
    }

    public DeviceFaults withRshimThroughput(long bytesPerSecond) {
        return new DeviceFaults(failAt, hangAt, bytesPerSecond, losePowerAfterBytes, kubeletStopped);
    }

    public DeviceFaults losingPowerAfter(long bytes) {
        return new DeviceFaults(failAt, hangAt, rshimBytesPerSecond, bytes, kubeletStopped);
    }
}
