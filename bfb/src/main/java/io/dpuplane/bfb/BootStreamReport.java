package io.dpuplane.bfb;

import java.util.List;

/**
 * A boot stream that validated: every image in order, the component versions it carries, and its size.
 *
 * @param images     the image chain, in stream order
 * @param versions   what its SoftwareInventory says; {@link BfbVersions#empty()} when it has none
 * @param totalBytes the size of the stream
 */
public record BootStreamReport(List<BootImage> images, BfbVersions versions, long totalBytes) {

    public BootStreamReport {
        images = List.copyOf(images);
    }
}
