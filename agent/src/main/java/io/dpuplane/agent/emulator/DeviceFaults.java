package io.dpuplane.agent.emulator;

import java.util.Optional;

/**
 * The faults one emulated BlueField can be told to have: fail or hang at a boot stage, an rshim slower
 * than real (bytes per second), or losing power after some bytes of an install.
 */
public record DeviceFaults(Optional<BootStage> failAt, Optional<BootStage> hangAt, long rshimBytesPerSecond,
        long losePowerAfterBytes) {

    public static DeviceFaults none() {
        return new DeviceFaults(Optional.empty(), Optional.empty(), 0, -1);
    }

    public DeviceFaults failingAt(BootStage stage) {
        return new DeviceFaults(Optional.of(stage), hangAt, rshimBytesPerSecond, losePowerAfterBytes);
    }

    public DeviceFaults hangingAt(BootStage stage) {
        return new DeviceFaults(failAt, Optional.of(stage), rshimBytesPerSecond, losePowerAfterBytes);
    }

    public DeviceFaults withRshimThroughput(long bytesPerSecond) {
        return new DeviceFaults(failAt, hangAt, bytesPerSecond, losePowerAfterBytes);
    }

    public DeviceFaults losingPowerAfter(long bytes) {
        return new DeviceFaults(failAt, hangAt, rshimBytesPerSecond, bytes);
    }
}
