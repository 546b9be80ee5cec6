package io.dpuplane.bfb;

/** What is wrong with a boot stream; {@link BootStreamException} says where. */
public enum Defect {
    /** The first four bytes of a header are not {@code 0x13026642}: not a boot stream, or not where one was due. */
    BAD_MAGIC,
    /** A header of a major version this reader does not know (only 1 exists). */
    UNSUPPORTED_MAJOR_VERSION,
    /** The stream ends inside a header, or where an announced image's header should begin. */
    TRUNCATED_HEADER,
    /** The stream ends inside an image's data or padding. */
    TRUNCATED_IMAGE,
    /** An image's data and padding do not give the CRC-32 its header says. */
    CRC_MISMATCH,
    /** Bytes after the image whose header announces no more images. */
    TRAILING_GARBAGE,
    /** No byte at all. */
    EMPTY_STREAM,
    /**
     * A header that contradicts the chain: fewer than three words long, an id or following-images bitmap
     * that disagrees with the previous header's, or more images than any stream has.
     */
    MALFORMED_HEADER
}
