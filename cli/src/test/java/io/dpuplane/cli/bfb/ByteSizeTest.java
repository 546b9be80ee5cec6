package io.dpuplane.cli.bfb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"4096, 4096", "4096B, 4096", "512KiB, 524288", "64MiB, 67108864", "2GiB, 2147483648",
        "' 8MiB ', 8388608"})
    void sizesAreReadInBinaryUnits(String text, long bytes) {
        assertThat(ByteSize.parse(text).bytes()).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"64MB", "-1", "1.5GiB", "lots", "99999999999999999999GiB"})
    void otherTextIsRefused(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
