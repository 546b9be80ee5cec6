/**
 * The BlueField boot stream (BFB): the image that turns a BlueField into a working DPU.
 *
 * <p>A boot stream is a chain of images, each behind a 24-byte header (magic {@code 0x13026642}, version,
 * header length, image id, length, CRC-32 over the data and its padding, and a bitmap of the ids still to
 * come); see ARM Trusted Firmware's {@code bluefield_boot.h} and Mellanox's {@code mlx-mkbfb}.
 * {@link io.dpuplane.bfb.BootStreamValidator} walks that chain as the bytes go by, in constant memory, and
 * reads the component versions from the Redfish SoftwareInventory text the stream embeds;
 * {@link io.dpuplane.bfb.BootStreamWriter} builds real-structured streams for the emulator, tests and demos.
 */
package io.dpuplane.bfb;
