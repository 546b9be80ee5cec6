package io.dpuplane.testkit.crossplane;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Installs Crossplane packages the way a user does, with {@code pkg.crossplane.io/v1} Provider, Function and
 * Configuration objects, and waits until Crossplane reports them Installed and Healthy.
 */
public final class PackageInstaller {

    static final String PKG_V1 = "pkg.crossplane.io/v1";
    private static final String PKG_V1BETA1 = "pkg.crossplane.io/v1beta1";

    private final KubernetesClient client;

    public PackageInstaller(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Makes Crossplane pull every package under {@code fromPrefix} from {@code toPrefix} instead (an
     * ImageConfig rewrite), e.g. our published references from a loopback registry. Package names and
     * dependencies keep their published form.
     */
    public void rewrite(String name, String fromPrefix, String toPrefix) {
        client.resource(new GenericKubernetesResourceBuilder().withApiVersion(PKG_V1BETA1).withKind("ImageConfig")
                .withNewMetadata().withName(name).endMetadata()
                .addToAdditionalProperties("spec", Map.of(
                        "matchImages", List.of(Map.of("type", "Prefix", "prefix", fromPrefix)),
                        "rewriteImage", Map.of("prefix", toPrefix)))
                .build()).forceConflicts().serverSideApply();
    }

    /** Creates (or updates) the object installing one of our packages at a tag. */
    public void install(OurPackage pkg, String tag) {
        client.resource(new GenericKubernetesResourceBuilder().withApiVersion(PKG_V1).withKind(pkg.kind())
                .withNewMetadata().withName(pkg.packageName()).endMetadata()
                .addToAdditionalProperties("spec", Map.of("package", pkg.reference(tag),
                        "packagePullPolicy", "IfNotPresent"))
                .build()).forceConflicts().serverSideApply();
    }

    /**
     * Installs all three of our packages at a tag and waits until each is Healthy: the function and provider
     * first, under the names the Composition and users refer to, so that the configuration finds its
     * dependencies installed instead of installing them a second time under other names.
     */
    public void installOurPackages(String tag, Duration timeout) {
        List<OurPackage> runtimes = List.of(OurPackage.FUNCTION, OurPackage.PROVIDER);
        runtimes.forEach(pkg -> install(pkg, tag));
        runtimes.forEach(pkg -> awaitHealthy(pkg, timeout));
        install(OurPackage.CONFIGURATION, tag);
        awaitHealthy(OurPackage.CONFIGURATION, timeout);
    }

    /** Waits until the package's Installed and Healthy conditions are True; fails quoting its conditions. */
    public GenericKubernetesResource awaitHealthy(OurPackage pkg, Duration timeout) {
        Resource<GenericKubernetesResource> object = client.genericKubernetesResources(PKG_V1, pkg.kind())
                .withName(pkg.packageName());
        try {
            Awaitility.await(pkg.kind() + " " + pkg.packageName() + " Healthy").atMost(timeout)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> PackageConditions.isTrue(object.get(), "Installed")
                            && PackageConditions.isTrue(object.get(), "Healthy"));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(pkg.kind() + " " + pkg.packageName() + " is not Installed and Healthy "
                    + "after " + timeout + "; conditions: " + PackageConditions.describe(object.get()), e);
        }
        return object.get();
    }
}
