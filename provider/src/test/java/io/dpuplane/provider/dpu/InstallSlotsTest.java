package io.dpuplane.provider.dpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** At most maxParallelInstalls DPUs of a provider config install at once; installs found in flight count. */
class InstallSlotsTest {

    private final InstallSlots slots = new InstallSlots();

    @Test
    void aFullConfigDeniesANewInstallUntilASlotIsReleased() {
        assertThat(slots.claim("c", "a", 2, Set::of)).isNull();
        assertThat(slots.claim("c", "b", 2, Set::of)).isNull();
        assertThat(slots.claim("c", "x", 2, Set::of)).isEqualTo(new InstallSlots.Denied(2, 2));
        assertThat(slots.claim("c", "a", 2, Set::of)).as("a holder keeps its slot").isNull();
        slots.release("c", "a");
        assertThat(slots.claim("c", "x", 2, Set::of)).isNull();
    }

    @Test
    void installsInFlightBeforeARestartHoldTheirSlots() {
        assertThat(slots.claim("c", "new", 1, () -> Set.of("running-before-restart")))
                .isEqualTo(new InstallSlots.Denied(1, 1));
        slots.release("c", "running-before-restart");
        assertThat(slots.claim("c", "new", 1, () -> Set.of("ignored: read once"))).isNull();
    }

    @Test
    void configsCountSeparately() {
        assertThat(slots.claim("c1", "a", 1, Set::of)).isNull();
        assertThat(slots.claim("c2", "b", 1, Set::of)).isNull();
    }
}
