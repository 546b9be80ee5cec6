package io.dpuplane.distribution.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Adds a docker-save {@code manifest.json} to an OCI image-layout tarball, pointing at the same blobs (as
 * {@code docker save} does since Docker 25): Jib writes OCI layout only, and the tools that embed a runtime
 * image in a Crossplane package ({@code crossplane xpkg build --embed-runtime-image-tarball}, go-containerregistry's
 * tarball reader) read {@code manifest.json}.
 */
final class SaveManifest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BLOBS = "blobs/sha256/";

    private SaveManifest() {
    }

    static void addTo(Path ociTarball, String reference) throws IOException {
        Map<String, byte[]> small = new HashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(ociTarball))) {
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals("manifest.json")) {
                    return;
                }
                if (entry.getSize() < 1 << 20) {
                    small.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        byte[] manifest = JSON.writeValueAsBytes(saveManifest(small, reference));
        Path rewritten = ociTarball.resolveSibling(ociTarball.getFileName() + ".tmp");
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(ociTarball));
                TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(rewritten))) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putArchiveEntry(entry);
                in.transferTo(out);
                out.closeArchiveEntry();
            }
            TarArchiveEntry entry = new TarArchiveEntry("manifest.json");
            entry.setSize(manifest.length);
            entry.setModTime(1000L);
            out.putArchiveEntry(entry);
            out.write(manifest);
            out.closeArchiveEntry();
        }
        Files.move(rewritten, ociTarball, StandardCopyOption.REPLACE_EXISTING);
    }

    private static ArrayNode saveManifest(Map<String, byte[]> files, String reference) throws IOException {
        JsonNode index = JSON.readTree(required(files, "index.json"));
        JsonNode imageManifest = JSON.readTree(required(files, blob(index.path("manifests").path(0).path("digest"))));
        ObjectNode image = JSON.createObjectNode();
        image.put("Config", blob(imageManifest.path("config").path("digest")));
        image.putArray("RepoTags").add(reference);
        ArrayNode layers = image.putArray("Layers");
        imageManifest.path("layers").forEach(layer -> layers.add(blob(layer.path("digest"))));
        return JSON.createArrayNode().add(image);
    }

    private static String blob(JsonNode digest) {
        return BLOBS + digest.asText().replace("sha256:", "");
    }

    private static byte[] required(Map<String, byte[]> files, String name) {
        byte[] content = files.get(name);
        if (content == null) {
            throw new IllegalStateException("the OCI tarball has no " + name);
        }
        return content;
    }
}
