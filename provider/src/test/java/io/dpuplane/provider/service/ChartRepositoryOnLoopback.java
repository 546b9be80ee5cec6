package io.dpuplane.provider.service;

import io.dpuplane.testkit.http.LoopbackChartRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The test chart repository: each version of the chart {@code doca-telemetry} (a DaemonSet, one pod per
 * selected DPU node, with a values schema) written at test time and published, packaged with the Helm SDK,
 * on a loopback chart repository.
 */
final class ChartRepositoryOnLoopback implements AutoCloseable {

    static final String CHART = "doca-telemetry";

    private final LoopbackChartRepository repository = new LoopbackChartRepository();
    private final Path dir;

    ChartRepositoryOnLoopback(String... versions) {
        try {
            dir = Files.createTempDirectory("chart-sources");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String version : versions) {
            publish(version);
        }
    }

    String url() {
        return repository.url();
    }

    /** Writes a version of the chart, packages it and lists it in the index. */
    void publish(String version) {
        try {
            repository.publish(source(version));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The packaged chart of a published version, as the Helm SDK wrote it. */
    Path packaged(String version) {
        return repository.archive(CHART, version);
    }

    private Path source(String version) throws IOException {
        Path chart = Files.createDirectories(dir.resolve(version).resolve(CHART));
        Files.writeString(chart.resolve("Chart.yaml"), """
                apiVersion: v2
                name: %s
                description: DOCA telemetry, one pod per DPU
                version: %s
                appVersion: "%s"
                """.formatted(CHART, version, version));
        Files.writeString(chart.resolve("values.yaml"), """
                image: example.invalid/doca-telemetry:1.0
                logLevel: info
                nodeSelector: {}
                """);
        Files.writeString(chart.resolve("values.schema.json"), """
                {
                  "$schema": "http://json-schema.org/draft-07/schema#",
                  "type": "object",
                  "properties": {
                    "image": {"type": "string"},
                    "logLevel": {"type": "string", "enum": ["info", "debug"]},
                    "nodeSelector": {"type": "object"}
                  }
                }
                """);
        Path templates = Files.createDirectories(chart.resolve("templates"));
        Files.writeString(templates.resolve("daemonset.yaml"), """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: {{ .Release.Name }}
                  labels: {app: {{ .Release.Name }}}
                spec:
                  selector:
                    matchLabels: {app: {{ .Release.Name }}}
                  template:
                    metadata:
                      labels: {app: {{ .Release.Name }}}
                    spec:
                      nodeSelector: {{ toJson .Values.nodeSelector }}
                      containers:
                      - name: telemetry
                        image: {{ .Values.image }}
                        env:
                        - {name: LOG_LEVEL, value: {{ .Values.logLevel | quote }}}
                """);
        return chart;
    }

    @Override
    public void close() {
        repository.close();
    }
}
