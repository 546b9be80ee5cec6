package io.dpuplane.agent.host;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes bytes on but always keeps the last {@code hold} bytes back, so the end of a boot stream reaches the
 * device only once the whole stream is known good (its sha256 checked). Without its end the device sees a
 * truncated stream and flashes nothing. Constant memory.
 */
final class HoldBackOutputStream extends FilterOutputStream {

    private final byte[] held;
    private int count;

    HoldBackOutputStream(OutputStream out, int hold) {
        super(out);
        this.held = new byte[hold];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        int total = count + length;
        int release = Math.max(0, total - held.length);
        int fromHeld = Math.min(release, count);
        if (fromHeld > 0) {
            out.write(held, 0, fromHeld);
            System.arraycopy(held, fromHeld, held, 0, count - fromHeld);
            count -= fromHeld;
        }
        int fromNew = release - fromHeld;
        if (fromNew > 0) {
            out.write(buffer, offset, fromNew);
        }
        System.arraycopy(buffer, offset + fromNew, held, count, length - fromNew);
        count += length - fromNew;
    }

    /** Lets the held end go through: the stream is known good. */
    void release() throws IOException {
        out.write(held, 0, count);
        count = 0;
    }

    /** Drops the held end: the device never receives it. */
    void discard() {
        count = 0;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
