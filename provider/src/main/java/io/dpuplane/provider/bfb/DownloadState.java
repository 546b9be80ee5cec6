package io.dpuplane.provider.bfb;

import java.time.Instant;

/** Where one BFB's download stands. */
public sealed interface DownloadState {

    /** Bytes are arriving. */
    record Running(long bytes, long total, long bytesPerSecond, int attempt) implements DownloadState {
        public String percent() {
            return total > 0 ? (bytes * 100 / total) + "%" : "";
        }
    }

    /** The file is verified and in the cache. */
    record Verified(BfbCache.Entry entry) implements DownloadState {
    }

    /** The download failed; {@code retryAt} says when it is tried again. */
    record Failed(String message, Instant retryAt) implements DownloadState {
    }
}
