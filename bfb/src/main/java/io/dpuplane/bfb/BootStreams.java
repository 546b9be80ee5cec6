package io.dpuplane.bfb;

import java.io.IOException;
import java.io.InputStream;

/** Validating a whole stream at once. */
public final class BootStreams {

    private static final int CHUNK = 1 << 16;

    private BootStreams() {
    }

    /** Reads {@code in} to its end through a {@link BootStreamValidator}; does not close it. */
    public static BootStreamReport validate(InputStream in) throws IOException {
        BootStreamValidator validator = new BootStreamValidator();
        byte[] buffer = new byte[CHUNK];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            validator.update(buffer, 0, n);
        }
        return validator.finish();
    }
}
