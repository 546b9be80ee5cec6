package io.dpuplane.bfb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InventoryMarkerTest {

    private static final byte[] MARKER = "This JSON represents".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theMarkerIsFoundAtEveryPositionOfARange() {
        byte[] bytes = new byte[300];
        new SplittableRandom(1).nextBytes(bytes);
        for (int from = 0; from < 40; from++) {
            for (int at = from; at + MARKER.length <= bytes.length; at++) {
                byte[] copy = bytes.clone();
                System.arraycopy(MARKER, 0, copy, at, MARKER.length);
                assertThat(InventoryMarker.indexOf(copy, from, copy.length)).as("from %d at %d", from, at)
                        .isEqualTo(at);
            }
        }
    }

    @Test
    void aMarkerCutByTheRangeIsNotFound() {
        byte[] bytes = ("xxThis JSON represents").getBytes(StandardCharsets.US_ASCII);

        assertThat(InventoryMarker.indexOf(bytes, 0, bytes.length)).isEqualTo(2);
        assertThat(InventoryMarker.indexOf(bytes, 0, bytes.length - 1)).isEqualTo(-1);
        assertThat(InventoryMarker.indexOf(bytes, 3, bytes.length)).isEqualTo(-1);
    }

    @Test
    void nearMissesAreNotTheMarker() {
        byte[] bytes = "This JSON represent. This JSON Represents this JSON represents. JSON represents"
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(InventoryMarker.indexOf(bytes, 0, bytes.length)).isEqualTo(-1);
        assertThat(InventoryMarker.indexOfSlowly(bytes, 0, bytes.length)).isEqualTo(-1);
    }

    @Test
    void theFirstOfTwoMarkersIsFound() {
        byte[] bytes = "..This JSON represents...This JSON represents".getBytes(StandardCharsets.US_ASCII);

        assertThat(InventoryMarker.indexOf(bytes, 0, bytes.length)).isEqualTo(2);
    }
}
