package io.dpuplane.cli.sandbox;

import io.dpuplane.apis.provisioning.v1alpha1.DPUDevice;
import io.dpuplane.testkit.ProjectLayout;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Applies {@code compositions/examples/quickstart} to the sandbox's host cluster once the host agents have
 * published every emulated BlueField, with the sandbox's own values put in: the BFB's URL on the loopback
 * image server ({@code https://images.example/...} in the example) and its chart repository
 * ({@code https://charts.example/...}).
 */
final class Quickstart {

    private static final Duration INVENTORY_WAIT = Duration.ofSeconds(60);

    private final Sandbox sandbox;
    private final SandboxOptions options;

    Quickstart(Sandbox sandbox, SandboxOptions options) {
        this.sandbox = sandbox;
        this.options = options;
    }

    static Path directory() {
        return ProjectLayout.root().resolve("compositions/examples/quickstart");
    }

    /** Applies the example; returns what it applied. */
    String apply() {
        awaitInventory();
        KubernetesClient client = sandbox.hostClient();
        int applied = 0;
        for (Path file : files()) {
            String yaml = sandboxValues(read(file));
            List<HasMetadata> objects = client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
                    .items();
            for (HasMetadata object : objects) {
                if (object.getMetadata().getNamespace() == null && isNamespacedExample(object)) {
                    object.getMetadata().setNamespace(Sandbox.NAMESPACE);
                }
                client.resource(object).forceConflicts().serverSideApply();
                applied++;
            }
        }
        return applied + " objects from " + directory();
    }

    private void awaitInventory() {
        long deadline = System.nanoTime() + INVENTORY_WAIT.toNanos();
        int published = 0;
        while (System.nanoTime() < deadline) {
            published = sandbox.hostClient().resources(DPUDevice.class).inAnyNamespace().list().getItems().size();
            if (published >= options.dpus()) {
                return;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("the host agents published " + published + " of " + options.dpus()
                + " BlueFields within " + INVENTORY_WAIT.toSeconds() + " s (see logs/agent-host-*.log)");
    }

    private String sandboxValues(String yaml) {
        return yaml.replaceAll("https://images\\.example/[^\\s\"']+\\.bfb", sandbox.bfbUrl())
                .replaceAll("https://charts\\.example/[^\\s\"']+", sandbox.chartsUrl());
    }

    private static boolean isNamespacedExample(HasMetadata object) {
        return !object.getKind().startsWith("Cluster") && !"Namespace".equals(object.getKind());
    }

    private static List<Path> files() {
        Path dir = directory();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no quickstart example at " + dir);
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
