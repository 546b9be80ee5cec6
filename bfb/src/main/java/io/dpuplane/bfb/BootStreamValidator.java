package io.dpuplane.bfb;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.zip.CRC32;

/**
 * Walks a boot stream's image chain as its bytes go by, in any chunking and in constant memory whatever its
 * size, and throws at the first defect with its byte offset and image index. Checks every header (magic, major
 * version, length, and that its id and following-images bitmap continue the previous header's), every image's
 * CRC-32, that the chain ends where a header announces no more images and that nothing follows. Reads the
 * component versions on the way.
 *
 * <p>Meant to run in the same pass as a digest over multi-GiB downloads: per chunk it costs one intrinsic
 * CRC-32 update and a sampled marker search. Not thread-safe; one validator per stream.
 */
public final class BootStreamValidator {

    /** Far more than a real stream has (64 ids, at most three versions each); bounds the report's memory. */
    static final int MAX_IMAGES = 1024;

    private enum Stage { HEADER, IMAGE, END }

    private final CRC32 crc = new CRC32();
    private final InventoryScanner inventory = new InventoryScanner();
    private final List<BootImage> images = new ArrayList<>();
    private final byte[] header = new byte[ImageHeader.MAX_LENGTH];
    private int headerFill;
    private int headerLength = ImageHeader.LENGTH;
    private Stage stage = Stage.HEADER;
    private long position;
    private long headerOffset;
    private ImageHeader current;
    private long remaining;
    private long announced;
    private BootStreamException failure;
    private int captureId = -1;
    private int captureLimit;
    private java.io.ByteArrayOutputStream captured;

    public BootStreamValidator() {
    }

    /**
     * Also keeps the data of the first image with this id, up to a limit (the device side reads its bf.cfg
     * this way); see {@link #captured()}.
     */
    public BootStreamValidator capture(int imageId, int limitBytes) {
        this.captureId = imageId;
        this.captureLimit = limitBytes;
        return this;
    }

    /** The captured image's data (without padding), once that image has passed and its CRC checked. */
    public java.util.Optional<byte[]> captured() {
        return captured == null || images.stream().noneMatch(i -> i.id() == captureId)
                ? java.util.Optional.empty() : java.util.Optional.of(captured.toByteArray());
    }

    /** Feeds the next bytes, in any chunking; throws at the first defect, and the same again on any later call. */
    public void update(byte[] buffer, int offset, int length) throws BootStreamException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (failure != null) {
            throw failure;
        }
        try {
            int at = offset;
            int end = offset + length;
            while (at < end) {
                at += switch (stage) {
                    case HEADER -> readHeader(buffer, at, end - at);
                    case IMAGE -> readImage(buffer, at, end - at);
                    case END -> throw trailingGarbage();
                };
            }
        } catch (BootStreamException e) {
            failure = e;
            throw e;
        }
    }

    /** Call at the end of the stream: checks that nothing is missing and returns what the stream holds. */
    public BootStreamReport finish() throws BootStreamException {
        if (failure != null) {
            throw failure;
        }
        BootStreamException missing = switch (stage) {
            case END -> null;
            case IMAGE -> defect(Defect.TRUNCATED_IMAGE, current.imageId(), String.format(
                    "truncated image: the stream ends at byte %d, %d of its %d bytes (with padding) missing",
                    position, remaining, current.paddedLength()));
            case HEADER -> incompleteHeader();
        };
        if (missing != null) {
            failure = missing;
            throw missing;
        }
        BfbVersions versions = inventory.finish().orElse(BfbVersions.empty());
        return new BootStreamReport(images, versions, position);
    }

    /** How many bytes were fed: the stream's size once it is finished. */
    public long bytesSeen() {
        return position;
    }

    private int readHeader(byte[] buffer, int at, int available) throws BootStreamException {
        int take = Math.min(available, headerLength - headerFill);
        System.arraycopy(buffer, at, header, headerFill, take);
        int before = headerFill;
        headerFill += take;
        position += take;
        if (before < Integer.BYTES && headerFill >= Integer.BYTES && ImageHeader.magic(header) != ImageHeader.MAGIC) {
            throw defect(Defect.BAD_MAGIC, -1, String.format("bad magic 0x%08x, expected 0x%08x: %s",
                    ImageHeader.magic(header), ImageHeader.MAGIC, notAHeader()));
        }
        if (before < Long.BYTES && headerFill >= Long.BYTES) {
            checkFirstWord(ImageHeader.word(header, 0));
        }
        if (headerFill == headerLength) {
            startImage(ImageHeader.parse(header));
        }
        return take;
    }

    private void checkFirstWord(long word0) throws BootStreamException {
        int id = (int) (word0 >>> 56);
        int major = ImageHeader.major(word0);
        if (major != ImageHeader.MAJOR) {
            throw defect(Defect.UNSUPPORTED_MAJOR_VERSION, id,
                    "unsupported header major version " + major + ", this reader knows " + ImageHeader.MAJOR);
        }
        int words = ImageHeader.words(word0);
        if (words < ImageHeader.WORDS) {
            throw defect(Defect.MALFORMED_HEADER, id, "malformed header: its length is " + words
                    + " words, every header has at least " + ImageHeader.WORDS);
        }
        headerLength = words * Long.BYTES;
    }

    private void startImage(ImageHeader parsed) throws BootStreamException {
        int index = images.size();
        if (index == MAX_IMAGES) {
            throw defect(Defect.MALFORMED_HEADER, parsed.imageId(),
                    "malformed header: more than " + MAX_IMAGES + " images");
        }
        long continues = ImageHeader.bit(parsed.imageId()) | parsed.followingImages();
        if (index > 0 && continues != announced) {
            BootImage previous = images.get(index - 1);
            throw defect(Defect.MALFORMED_HEADER, parsed.imageId(), String.format(
                    "malformed header: image %d (id %d) announced ids %s to follow, but this is id %d followed by %s",
                    previous.index(), previous.id(), ids(announced), parsed.imageId(),
                    ids(parsed.followingImages())));
        }
        current = parsed;
        remaining = parsed.paddedLength();
        headerFill = 0;
        headerLength = ImageHeader.LENGTH;
        crc.reset();
        inventory.startImage();
        stage = Stage.IMAGE;
        if (remaining == 0) {
            endImage();
        }
    }

    private int readImage(byte[] buffer, int at, int available) throws BootStreamException {
        int take = (int) Math.min(available, remaining);
        crc.update(buffer, at, take);
        if (current.imageId() == captureId && (captured == null || images.stream().noneMatch(i -> i.id() == captureId))) {
            keep(buffer, at, take);
        }
        inventory.scan(buffer, at, take);
        remaining -= take;
        position += take;
        if (remaining == 0) {
            endImage();
        }
        return take;
    }

    private void keep(byte[] buffer, int at, int take) {
        if (captured == null) {
            captured = new java.io.ByteArrayOutputStream();
        }
        long wanted = Math.min(current.imageLength(), captureLimit) - captured.size();
        if (wanted > 0) {
            captured.write(buffer, at, (int) Math.min(take, wanted));
        }
    }

    private void endImage() throws BootStreamException {
        long actual = crc.getValue();
        if (actual != current.imageCrc()) {
            throw defect(Defect.CRC_MISMATCH, current.imageId(), String.format(
                    "CRC mismatch: header says 0x%08x, data gives 0x%08x", current.imageCrc(), actual));
        }
        images.add(new BootImage(images.size(), current.imageId(), headerOffset, current.imageLength(), actual));
        announced = current.followingImages();
        headerOffset = position;
        stage = announced == 0 ? Stage.END : Stage.HEADER;
    }

    private BootStreamException incompleteHeader() {
        if (position == 0) {
            return new BootStreamException(Defect.EMPTY_STREAM, 0, 0, "empty stream: not a single byte");
        }
        if (headerFill == 0) {
            BootImage last = images.get(images.size() - 1);
            return defect(Defect.TRUNCATED_HEADER, -1, String.format(
                    "truncated stream: it ends here, but image %d (id %d) announced ids %s to follow",
                    last.index(), last.id(), ids(announced)));
        }
        if (!magicSoFar()) {
            return defect(Defect.BAD_MAGIC, -1, "bad magic: the stream ends after " + headerFill
                    + " bytes that do not begin 0x" + Integer.toHexString(ImageHeader.MAGIC) + ": " + notAHeader());
        }
        return defect(Defect.TRUNCATED_HEADER, -1, String.format(
                "truncated header: the stream ends after %d of its %d bytes", headerFill, headerLength));
    }

    private BootStreamException trailingGarbage() {
        BootImage last = images.get(images.size() - 1);
        return new BootStreamException(Defect.TRAILING_GARBAGE, position, images.size(), String.format(
                "at byte %d: trailing garbage after the last image (image %d, id %d, announces no more images)",
                position, last.index(), last.id()));
    }

    /** A defect of the image whose header starts at {@code headerOffset}; {@code id} is -1 when not yet read. */
    private BootStreamException defect(Defect defect, int id, String detail) {
        int index = images.size();
        String image = id >= 0 ? String.format("image %d (id %d)", index, id) : "image " + index;
        return new BootStreamException(defect, headerOffset, index,
                String.format("%s at byte %d: %s", image, headerOffset, detail));
    }

    private String notAHeader() {
        return images.isEmpty() ? "not a BlueField boot stream" : "not an image header where one was due";
    }

    private boolean magicSoFar() {
        for (int i = 0; i < Math.min(headerFill, Integer.BYTES); i++) {
            if (header[i] != (byte) (ImageHeader.MAGIC >>> (8 * i))) {
                return false;
            }
        }
        return true;
    }

    private static String ids(long bitmap) {
        StringJoiner ids = new StringJoiner(", ", "{", "}");
        for (int id = 0; id < Long.SIZE; id++) {
            if ((bitmap & 1L << id) != 0) {
                ids.add(Integer.toString(id));
            }
        }
        return ids.toString();
    }
}
