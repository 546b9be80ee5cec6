package io.dpuplane.bfb;

/**
 * One image of a validated boot stream.
 *
 * @param index  its position in the chain, from 0
 * @param id     its image id (e.g. 1 for BL2, 63 for the initramfs; see {@link ImageType})
 * @param offset the byte offset of its header in the stream
 * @param length its length in bytes, without the padding to a multiple of 8
 * @param crc    its CRC-32 over the data and padding, as the header says and the data confirmed
 */
public record BootImage(int index, int id, long offset, long length, long crc) {
}
