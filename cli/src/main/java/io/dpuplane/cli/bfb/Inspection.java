package io.dpuplane.cli.bfb;

import io.dpuplane.bfb.BootStreamReport;
import io.dpuplane.bfb.BootStreamValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A BFB file read once: its structure validated and its sha256 computed in the same pass, as the provider does. */
record Inspection(BootStreamReport report, String sha256) {

    private static final int CHUNK = 1 << 20;

    static Inspection of(Path file) throws IOException {
        MessageDigest sha256 = newSha256();
        BootStreamValidator validator = new BootStreamValidator();
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
                validator.update(buffer, 0, n);
            }
        }
        return new Inspection(validator.finish(), HexFormat.of().formatHex(sha256.digest()));
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
