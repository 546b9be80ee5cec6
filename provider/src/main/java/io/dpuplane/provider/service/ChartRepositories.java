package io.dpuplane.provider.service;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP chart repositories DPUServices use, known to the Helm SDK through the provider's own
 * repositories file (never the user's): each URL gets a stable alias, is added once (which fetches its
 * index) and refreshed when a chart version is not in the cached index.
 */
final class ChartRepositories {

    private final Path repositoriesFile;
    private final Map<String, String> added = new ConcurrentHashMap<>();

    ChartRepositories() {
        try {
            this.repositoriesFile = Files.createTempDirectory("dpuservice-helm").resolve("repositories.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Helm repositories directory", e);
        }
    }

    /** The repositories file every install, upgrade and render of a repository chart names. */
    Path repositoriesFile() {
        return repositoriesFile;
    }

    /** The alias of a repository URL, adding it first if this provider has not yet. */
    String alias(String url) {
        String alias = aliasOf(url);
        if (!added.containsKey(alias)) {
            synchronized (this) {
                if (!added.containsKey(alias)) {
                    Helm.repo().add().withRepositoryConfig(repositoriesFile).withName(alias).withUrl(URI.create(url))
                            .call();
                    added.put(alias, url);
                }
            }
        }
        return alias;
    }

    /** Fetches the repository's index again (a chart version published since it was last fetched). */
    synchronized void refresh(String alias) {
        Helm.repo().update().withRepositoryConfig(repositoriesFile).withRepo(alias).call();
    }

    /** Puts the URL back where Helm's messages name the alias. */
    String readable(String message) {
        String out = message;
        for (Map.Entry<String, String> e : added.entrySet()) {
            out = out.replace(e.getKey() + " index", "the index of " + e.getValue()).replace(e.getKey(), e.getValue());
        }
        return out;
    }

    private static String aliasOf(String url) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return "dpuplane-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
