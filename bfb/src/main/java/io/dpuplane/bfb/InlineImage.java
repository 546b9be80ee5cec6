package io.dpuplane.bfb;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;

/** An image whose bytes were given. */
final class InlineImage implements ImageSource {

    private final int id;
    private final byte[] data;
    private final long crc;

    InlineImage(int id, byte[] data) {
        this.id = id;
        this.data = data.clone();
        CRC32 checksum = new CRC32();
        checksum.update(this.data);
        checksum.update(new byte[ImageHeader.padding(data.length)]);
        this.crc = checksum.getValue();
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public long length() {
        return data.length;
    }

    @Override
    public long crc() {
        return crc;
    }

    @Override
    public void writeData(OutputStream out) throws IOException {
        out.write(data);
    }
}
