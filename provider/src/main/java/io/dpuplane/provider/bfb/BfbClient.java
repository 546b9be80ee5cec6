package io.dpuplane.provider.bfb;

import io.dpuplane.apis.provisioning.v1alpha1.BFB;
import io.dpuplane.apis.provisioning.v1alpha1.BFBObservation;
import io.dpuplane.apis.provisioning.v1alpha1.BFBParameters;
import io.dpuplane.apis.provisioning.v1alpha1.BFBVersions;
import io.dpuplane.apis.provisioning.v1alpha1.DownloadProgress;
import io.dpuplane.runtime.Conditions;
import io.dpuplane.runtime.managed.ExternalClient;
import io.dpuplane.runtime.managed.ExternalCreation;
import io.dpuplane.runtime.managed.ExternalObservation;
import io.dpuplane.runtime.managed.ExternalUpdate;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The BFB's external resource is its verified file in the cache. Observe reports the download's progress
 * or outcome; create starts the download; delete releases the file (removed once no BFB holds it) and is
 * refused while a DPU still installs this BFB.
 */
final class BfbClient implements ExternalClient<BFB> {

    private static final Duration PROGRESS_REFRESH = Duration.ofSeconds(2);

    private final BfbCache cache;
    private final BfbDownloads downloads;
    private final BfbUsers users;
    private final Conditions conditions = new Conditions(Clock.systemUTC());

    BfbClient(BfbCache cache, BfbDownloads downloads, BfbUsers users) {
        this.cache = cache;
        this.downloads = downloads;
        this.users = users;
    }

    @Override
    public ExternalObservation observe(BFB bfb) {
        String key = bfb.getMetadata().getUid();
        if (bfb.isMarkedForDeletion()) {
            return downloads.isReleased(key) ? ExternalObservation.absent() : ExternalObservation.upToDate(Map.of());
        }
        DownloadRequest request = request(bfb);
        Optional<DownloadState> state = downloads.state(key, request);
        if (state.isEmpty()) {
            return alreadyCached(bfb, request);
        }
        DownloadState current = state.get();
        if (current instanceof DownloadState.Running running) {
            return downloading(bfb, running);
        }
        if (current instanceof DownloadState.Verified verified) {
            return verified(bfb, request, verified.entry());
        }
        return failed(bfb, (DownloadState.Failed) current);
    }

    @Override
    public ExternalCreation create(BFB bfb) {
        cache.prepare();
        downloads.start(bfb.getMetadata().getUid(), request(bfb), cache);
        return ExternalCreation.none();
    }

    @Override
    public ExternalUpdate update(BFB bfb) {
        create(bfb);
        return ExternalUpdate.none();
    }

    @Override
    public void delete(BFB bfb) {
        List<String> dpus = users.dpusOf(bfb);
        if (!dpus.isEmpty()) {
            throw new IllegalStateException("BFB " + bfb.getMetadata().getName() + " is still used by DPU "
                    + String.join(", ", dpus) + ": delete those DPUs or point them at another BFB first");
        }
        String digest = bfb.getStatus() == null || bfb.getStatus().getAtProvider() == null ? null
                : bfb.getStatus().getAtProvider().getSha256();
        if (digest != null && cache.lookup(digest).isPresent() && !users.othersShare(bfb, digest)) {
            cache.evict(digest);
        }
        downloads.release(bfb.getMetadata().getUid());
    }

    /** Content already verified (after a provider restart, or shared with another BFB) needs no download. */
    private ExternalObservation alreadyCached(BFB bfb, DownloadRequest request) {
        String known = request.sha256() != null ? request.sha256() : recordedDigest(bfb);
        Optional<BfbCache.Entry> entry = Optional.ofNullable(known).flatMap(cache::lookup);
        if (entry.isEmpty()) {
            return ExternalObservation.absent();
        }
        downloads.use(cache);
        return verified(bfb, request, entry.get());
    }

    private ExternalObservation downloading(BFB bfb, DownloadState.Running running) {
        BFBObservation at = observation(bfb);
        at.setDownload(progress(running.bytes(), running.total(), running.bytesPerSecond(), running.percent()));
        String of = running.total() > 0 ? " of " + running.total() : "";
        Conditions.mark(bfb, conditions.condition(Conditions.READY, false, "Creating", "downloading: "
                + running.bytes() + of + " bytes" + (running.total() > 0 ? " (" + running.percent() + ")" : "")
                + (running.attempt() > 1 ? ", attempt " + running.attempt() : "")));
        return ExternalObservation.upToDate(Map.of()).withRecheckAfter(PROGRESS_REFRESH);
    }

    private ExternalObservation verified(BFB bfb, DownloadRequest request, BfbCache.Entry entry) {
        BFBObservation at = observation(bfb);
        at.setFileName(request.fileName());
        at.setSha256(entry.digest());
        at.setSizeBytes(entry.size());
        at.setImages(entry.images());
        at.setVersions(new BFBVersions(entry.versions().doca(), entry.versions().atf(), entry.versions().uefi(),
                entry.versions().bsp()));
        at.setRegistryPath("/bfbs/" + entry.digest() + ".bfb");
        at.setDownload(progress(entry.size(), entry.size(), null, "100%"));
        Conditions.mark(bfb, conditions.available());
        return ExternalObservation.upToDate(Map.of());
    }

    private ExternalObservation failed(BFB bfb, DownloadState.Failed failed) {
        if (Instant.now().isAfter(failed.retryAt())) {
            return ExternalObservation.absent();
        }
        Conditions.mark(bfb, conditions.unavailable(failed.message() + "; the download is tried again at "
                + failed.retryAt()));
        return ExternalObservation.upToDate(Map.of()).withRecheckAfter(Duration.between(Instant.now(), failed.retryAt()));
    }

    private static DownloadProgress progress(long bytes, long total, Long rate, String percent) {
        DownloadProgress progress = new DownloadProgress();
        progress.setBytes(bytes);
        progress.setTotal(total >= 0 ? total : null);
        progress.setPercent(percent.isEmpty() ? null : percent);
        progress.setBytesPerSecond(rate);
        return progress;
    }

    private static BFBObservation observation(BFB bfb) {
        if (bfb.requireStatus().getAtProvider() == null) {
            bfb.getStatus().setAtProvider(new BFBObservation());
        }
        return bfb.getStatus().getAtProvider();
    }

    private static String recordedDigest(BFB bfb) {
        return bfb.getStatus() == null || bfb.getStatus().getAtProvider() == null ? null
                : bfb.getStatus().getAtProvider().getSha256();
    }

    static DownloadRequest request(BFB bfb) {
        BFBParameters p = bfb.getSpec().getForProvider();
        URI url = URI.create(p.getUrl());
        String fileName = p.getFileName() != null ? p.getFileName() : lastSegment(url);
        return new DownloadRequest(url, p.getSha256(), fileName);
    }

    private static String lastSegment(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.isEmpty() ? "image.bfb" : last;
    }
}
