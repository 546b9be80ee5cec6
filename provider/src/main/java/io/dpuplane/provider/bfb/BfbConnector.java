package io.dpuplane.provider.bfb;

import io.dpuplane.apis.provisioning.v1alpha1.BFB;
import io.dpuplane.runtime.managed.ExternalClient;
import io.dpuplane.runtime.managed.ExternalConnector;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Map;

/** Connects a BFB to the cache its provider config names. */
public final class BfbConnector implements ExternalConnector<BFB> {

    static final String DEFAULT_CACHE = "/var/cache/dpuplane/bfb";

    private final BfbDownloads downloads;
    private final BfbUsers users;

    public BfbConnector(KubernetesClient client, BfbDownloads downloads) {
        this.downloads = downloads;
        this.users = new BfbUsers(client);
    }

    @Override
    public ExternalClient<BFB> connect(BFB resource, GenericKubernetesResource providerConfig) {
        return new BfbClient(new BfbCache(Path.of(cacheDirectory(providerConfig))), downloads, users);
    }

    @SuppressWarnings("unchecked")
    static String cacheDirectory(GenericKubernetesResource providerConfig) {
        Object spec = providerConfig.getAdditionalProperties().get("spec");
        if (spec instanceof Map<?, ?> s && s.get("bfbCache") instanceof Map<?, ?> cache
                && cache.get("directory") instanceof String directory && !directory.isBlank()) {
            return directory;
        }
        return DEFAULT_CACHE;
    }
}
