package io.dpuplane.provider.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.ReleaseHistory;
import com.marcnuri.helm.TemplateCommand;
import com.marcnuri.helm.UpgradeCommand;
import io.dpuplane.provider.cluster.DpuClusterTargets.Access;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The Helm SDK calls of the Helm backend, one cluster at a time: read a release's latest revision,
 * render a chart with values (catching a missing version or a values schema violation before any cluster
 * is touched), upgrade-or-install, uninstall.
 */
final class HelmReleases {

    private final ChartRepositories repositories;

    HelmReleases(ChartRepositories repositories) {
        this.repositories = repositories;
    }

    /** The release's latest revision in a cluster, empty when there is none. */
    Optional<ReleaseHistory> latest(Access cluster, String name, String namespace) {
        try {
            List<ReleaseHistory> history = Helm.history(name).withMax(1).withNamespace(namespace)
                    .withKubeConfig(cluster.kubeconfigFile()).call();
            return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
        } catch (RuntimeException e) {
            if (HelmErrors.releaseNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Renders the chart with the values, without a cluster; a chart version not in the cached index is
     * looked up again in a fresh one. Throws {@link BadInput} saying why the chart cannot be released.
     */
    void render(DesiredRelease release) {
        try {
            renderOnce(release);
        } catch (RuntimeException e) {
            if (release.chart().repositoryAlias() != null && HelmErrors.versionNotInIndex(e)) {
                repositories.refresh(release.chart().repositoryAlias());
                try {
                    renderOnce(release);
                    return;
                } catch (RuntimeException again) {
                    throw refused(release, again);
                }
            }
            throw refused(release, e);
        }
    }

    private BadInput refused(DesiredRelease release, RuntimeException e) {
        return new BadInput("chart " + release.chart().source() + (release.chart().archive() == null
                ? " version " + release.chart().version() : "") + " cannot be released: "
                + repositories.readable(HelmErrors.readable(e)));
    }

    private void renderOnce(DesiredRelease release) {
        withValuesFile(release, values -> {
            TemplateCommand template = Helm.template(release.chart().reference()).withName(release.name())
                    .withNamespace(release.namespace()).withValuesFile(values)
                    .withRepositoryConfig(repositories.repositoriesFile());
            if (release.chart().archive() == null) {
                template.withVersion(release.chart().version());
            }
            return template.call();
        });
    }

    /**
     * Installs the release ({@code exists} false), or upgrades it to exactly the desired chart and values;
     * returns the revision. (Install is its own call: helm-java's upgrade-or-install drops the repositories
     * file and values files when it falls back to installing.)
     */
    int apply(Access cluster, DesiredRelease release, boolean exists) {
        Release applied = withValuesFile(release, values -> {
            if (!exists) {
                InstallCommand install = Helm.install(release.chart().reference()).withName(release.name())
                        .withNamespace(release.namespace()).createNamespace().withValuesFile(values)
                        .withDescription(release.description()).withKubeConfig(cluster.kubeconfigFile())
                        .withRepositoryConfig(repositories.repositoriesFile());
                if (release.chart().archive() == null) {
                    install.withVersion(release.chart().version());
                }
                return install.call();
            }
            UpgradeCommand upgrade = Helm.upgrade(release.chart().reference()).withName(release.name())
                    .withNamespace(release.namespace()).resetValues().withValuesFile(values)
                    .withDescription(release.description()).withKubeConfig(cluster.kubeconfigFile())
                    .withRepositoryConfig(repositories.repositoriesFile());
            if (release.chart().archive() == null) {
                upgrade.withVersion(release.chart().version());
            }
            return upgrade.call();
        });
        return Integer.parseInt(applied.getRevision());
    }

    void uninstall(Access cluster, String name, String namespace) {
        Helm.uninstall(name).withNamespace(namespace).ignoreNotFound().withKubeConfig(cluster.kubeconfigFile()).call();
    }

    /** A Helm call that reads the values from a file, removed afterwards. */
    @FunctionalInterface
    private interface WithValues<T> {
        T call(Path values);
    }

    private static <T> T withValuesFile(DesiredRelease release, WithValues<T> call) {
        Path file = null;
        try {
            file = Files.createTempFile("dpuservice-values-", ".json");
            Files.writeString(file, ServiceValues.CANONICAL.writeValueAsString(release.values()));
            return call.call(file);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the values of release " + release.name(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the values of release " + release.name(), e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }
}
