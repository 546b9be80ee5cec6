package io.dpuplane.provider.bfb;

import java.net.URI;

/** What to download: the URL, the digest it must have (when the user gave one), and the file name. */
public record DownloadRequest(URI url, String sha256, String fileName) {
}
