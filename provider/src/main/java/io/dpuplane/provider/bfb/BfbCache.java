package io.dpuplane.provider.bfb;

import io.dpuplane.bfb.BfbVersions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The BFB cache: one verified file per sha256 ({@code sha256/<digest>.bfb}, shared by every BFB with that
 * content) with a small record of what verification found, and a {@code tmp/} area for downloads in flight.
 * Only verified files ever enter {@code sha256/}, by an atomic move, so nothing half-written is served.
 */
public record BfbCache(Path root) {

    private static final Pattern DIGEST = Pattern.compile("[a-f0-9]{64}");

    /** What verification found about a cached file. */
    public record Entry(String digest, long size, int images, BfbVersions versions) {
    }

    public Path file(String digest) {
        requireDigest(digest);
        return root.resolve("sha256").resolve(digest + ".bfb");
    }

    public Path partial(String key) {
        return root.resolve("tmp").resolve(key + ".part");
    }

    public Optional<Entry> lookup(String digest) {
        if (digest == null || !DIGEST.matcher(digest).matches() || !Files.isRegularFile(file(digest))) {
            return Optional.empty();
        }
        Path record = recordOf(digest);
        if (!Files.isRegularFile(record)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (var in = Files.newInputStream(record)) {
            p.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(new Entry(digest, Long.parseLong(p.getProperty("size", "0")),
                Integer.parseInt(p.getProperty("images", "0")), new BfbVersions(p.getProperty("atf"),
                        p.getProperty("uefi"), p.getProperty("bsp"), p.getProperty("doca"))));
    }

    /** Moves a verified download into the cache (or drops it when the content is cached already). */
    public Entry admit(Path verified, Entry entry) {
        try {
            Files.createDirectories(file(entry.digest()).getParent());
            Properties p = new Properties();
            p.setProperty("size", Long.toString(entry.size()));
            p.setProperty("images", Integer.toString(entry.images()));
            BfbVersions v = entry.versions();
            setIfPresent(p, "atf", v.atf());
            setIfPresent(p, "uefi", v.uefi());
            setIfPresent(p, "bsp", v.bsp());
            setIfPresent(p, "doca", v.doca());
            Path recordTmp = Files.createTempFile(root.resolve("tmp"), entry.digest(), ".properties");
            try (var out = Files.newOutputStream(recordTmp)) {
                p.store(out, "verified BFB");
            }
            Files.move(recordTmp, recordOf(entry.digest()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            if (Files.exists(file(entry.digest()))) {
                Files.deleteIfExists(verified);
            } else {
                Files.move(verified, file(entry.digest()), StandardCopyOption.ATOMIC_MOVE);
            }
            return entry;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add " + entry.digest() + " to the BFB cache at " + root, e);
        }
    }

    /** Removes a cached file and its record. */
    public void evict(String digest) {
        try {
            Files.deleteIfExists(file(digest));
            Files.deleteIfExists(recordOf(digest));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + digest + " from the BFB cache at " + root, e);
        }
    }

    public void prepare() {
        try {
            Files.createDirectories(root.resolve("sha256"));
            Files.createDirectories(root.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the BFB cache at " + root, e);
        }
    }

    private Path recordOf(String digest) {
        return root.resolve("sha256").resolve(digest + ".properties");
    }

    private static void setIfPresent(Properties p, String key, String value) {
        if (value != null) {
            p.setProperty(key, value);
        }
    }

    private static void requireDigest(String digest) {
        if (digest == null || !DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException("not a sha256 digest: " + digest);
        }
    }
}
