package io.dpuplane.provider;

import io.dpuplane.provider.bfb.BfbDownloads;
import io.dpuplane.provider.bfb.DownloadPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** The provider-wide BFB download pool, shared by the BFB controller and the BFB registry. */
@ApplicationScoped
public class BfbServices {

    @Produces
    @ApplicationScoped
    BfbDownloads downloads(ProviderSettings settings) {
        return new BfbDownloads(new DownloadPolicy(settings.bfbDownloadAttempts(), settings.bfbDownloadRetryDelay(),
                DownloadPolicy.defaults().readTimeout(), settings.bfbDownloadStallTimeout(), settings.bfbFailureBackoff()),
                settings.parallelBfbDownloads());
    }

    void close(@Disposes BfbDownloads downloads) {
        downloads.close();
    }
}
