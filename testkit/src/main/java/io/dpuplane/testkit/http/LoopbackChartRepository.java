package io.dpuplane.testkit.http;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Helm chart repository served on loopback: chart directories are packaged with the real Helm SDK when
 * published, and {@code index.yaml} lists every published version. Its URL is what a DPUService's chart
 * source names.
 */
public final class LoopbackChartRepository implements AutoCloseable {

    /** One published chart version. */
    public record Entry(String name, String version) {
    }

    private final LoopbackFileServer server = new LoopbackFileServer();
    private final Path dir;
    private final List<Entry> entries = new ArrayList<>();

    public LoopbackChartRepository() {
        try {
            dir = Files.createTempDirectory("chart-repository");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.serve("/charts/index.yaml", index().getBytes(StandardCharsets.UTF_8));
    }

    /** The repository URL ({@code .../charts}). */
    public String url() {
        return server.baseUrl() + "/charts";
    }

    /** Packages the chart in {@code chartDir} (named and versioned by its Chart.yaml) and lists it. */
    public synchronized Entry publish(Path chartDir) {
        try {
            Map<String, Object> chart = Serialization.unmarshal(Files.readString(chartDir.resolve("Chart.yaml")),
                    Map.class);
            Entry entry = new Entry(String.valueOf(chart.get("name")), String.valueOf(chart.get("version")));
            Path out = Files.createDirectories(dir.resolve(entry.name() + "-" + entry.version()));
            new Helm(chartDir).packageIt().withDestination(out).call();
            Path archive = out.resolve(entry.name() + "-" + entry.version() + ".tgz");
            server.serve("/charts/" + archive.getFileName(), Files.readAllBytes(archive));
            entries.removeIf(e -> e.equals(entry));
            entries.add(entry);
            server.serve("/charts/index.yaml", index().getBytes(StandardCharsets.UTF_8));
            return entry;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish the chart in " + chartDir, e);
        }
    }

    /** The packaged archive of a published chart version. */
    public Path archive(String name, String version) {
        Path archive = dir.resolve(name + "-" + version).resolve(name + "-" + version + ".tgz");
        if (!Files.isRegularFile(archive)) {
            throw new IllegalArgumentException("chart " + name + " " + version + " was not published here");
        }
        return archive;
    }

    private String index() {
        StringBuilder index = new StringBuilder("apiVersion: v1\nentries:\n");
        for (String name : entries.stream().map(Entry::name).distinct().toList()) {
            index.append("  ").append(name).append(":\n");
            for (Entry entry : entries.stream().filter(e -> e.name().equals(name)).toList()) {
                index.append("  - apiVersion: v2\n    name: ").append(name).append("\n    version: ")
                        .append(entry.version()).append("\n    urls: [").append(url()).append('/').append(name)
                        .append('-').append(entry.version()).append(".tgz]\n");
            }
        }
        return index.toString();
    }

    @Override
    public void close() {
        server.close();
    }
}
