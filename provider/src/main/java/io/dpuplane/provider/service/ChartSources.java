package io.dpuplane.provider.service;

import io.dpuplane.apis.svc.v1alpha1.ChartSource;
import io.dpuplane.apis.svc.v1alpha1.ConfigMapKeyReference;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceParameters;
import io.dpuplane.provider.service.DesiredRelease.ChartRef;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Turns a DPUService's chart source into what the Helm SDK loads: {@code <alias>/<chart>} of an HTTP
 * repository, {@code oci://.../<chart>}, or the archive of a ConfigMap written to a temporary file.
 */
final class ChartSources {

    private final KubernetesClient host;
    private final ChartRepositories repositories;

    ChartSources(KubernetesClient host, ChartRepositories repositories) {
        this.host = host;
        this.repositories = repositories;
    }

    ChartRef resolve(String namespace, DPUServiceParameters p) {
        ChartSource source = p.source();
        if (source.repoURL() != null) {
            String url = source.repoURL().endsWith("/") ? source.repoURL().substring(0, source.repoURL().length() - 1)
                    : source.repoURL();
            String alias;
            try {
                alias = repositories.alias(url);
            } catch (RuntimeException e) {
                throw new BadInput("chart repository " + url + " cannot be read: " + HelmErrors.readable(e));
            }
            return new ChartRef(alias + "/" + p.chart(), p.version(), url + " chart " + p.chart(), alias, null);
        }
        if (source.oci() != null) {
            String ref = source.oci().replaceAll("/+$", "") + "/" + p.chart();
            return new ChartRef(ref, p.version(), ref, null, null);
        }
        return fromConfigMap(namespace, source.configMapRef(), p.version());
    }

    private ChartRef fromConfigMap(String namespace, ConfigMapKeyReference ref, String version) {
        String key = ref.key() == null ? "chart.tgz" : ref.key();
        String what = "ConfigMap " + namespace + "/" + ref.name();
        ConfigMap map = host.configMaps().inNamespace(namespace).withName(ref.name()).get();
        if (map == null) {
            throw new BadInput("chart " + what + " does not exist");
        }
        String archive = map.getBinaryData() == null ? null : map.getBinaryData().get(key);
        if (archive == null) {
            throw new BadInput("chart " + what + " has no binaryData key " + key + " with the packaged chart");
        }
        try {
            Path file = Files.createTempFile("dpuservice-chart-", ".tgz");
            Files.write(file, Base64.getDecoder().decode(archive));
            // The ConfigMap's content version stands for the chart's: a new archive is a new chart.
            return new ChartRef(file.toString(), version, what + "@" + map.getMetadata().getUid() + "/"
                    + map.getMetadata().getResourceVersion(), null, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart of " + what, e);
        }
    }
}
