package io.dpuplane.bfb;

import java.io.IOException;

/**
 * A malformed boot stream: the defect, the byte offset where it is and the index of the image it is in. The
 * message reads like "image 3 (id 7) at byte 1048600: CRC mismatch: header says 0x1234abcd, data gives
 * 0x9f00aa11".
 */
public final class BootStreamException extends IOException {

    private static final long serialVersionUID = 1L;

    private final Defect defect;
    private final long offset;
    private final int imageIndex;

    public BootStreamException(Defect defect, long offset, int imageIndex, String message) {
        super(message);
        this.defect = defect;
        this.offset = offset;
        this.imageIndex = imageIndex;
    }

    public Defect defect() {
        return defect;
    }

    /** The offset of the defect: of the image's header for header and image defects, of the first bad byte else. */
    public long offset() {
        return offset;
    }

    /** The index (from 0) of the image the defect is in, or would have been in for trailing garbage. */
    public int imageIndex() {
        return imageIndex;
    }
}
