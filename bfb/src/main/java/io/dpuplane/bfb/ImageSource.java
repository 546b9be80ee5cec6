package io.dpuplane.bfb;

import java.io.IOException;
import java.io.OutputStream;

/** The data of one image {@link BootStreamWriter} writes: given bytes, or generated filler. */
sealed interface ImageSource permits InlineImage, FillerImage {

    int id();

    long length();

    /** CRC-32 over the data and its zero padding to a multiple of 8, as the header carries it. */
    long crc();

    /** Writes the data, without the padding. */
    void writeData(OutputStream out) throws IOException;
}
