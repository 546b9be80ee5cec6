package io.dpuplane.provider.bfb;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The BFB registry: serves verified, cached BFBs to host agents at {@code /bfbs/<sha256>.bfb}, with HTTP
 * Range support so an agent resumes an interrupted transfer. Only verified content is ever served.
 */
@ApplicationScoped
public class BfbRegistry {

    private static final Pattern PATH = Pattern.compile("/bfbs/([a-f0-9]{64})\\.bfb");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final BfbDownloads downloads;

    public BfbRegistry(BfbDownloads downloads) {
        this.downloads = downloads;
    }

    void routes(@Observes Router router) {
        router.route(HttpMethod.GET, "/bfbs/*").handler(this::serve);
        router.route(HttpMethod.HEAD, "/bfbs/*").handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        Matcher m = PATH.matcher(ctx.normalizedPath());
        Optional<Path> file = m.matches() ? find(m.group(1)) : Optional.empty();
        if (file.isEmpty()) {
            ctx.response().setStatusCode(404).end("no verified BFB with that digest\n");
            return;
        }
        long size = file.get().toFile().length();
        var response = ctx.response().putHeader(HttpHeaders.ACCEPT_RANGES, "bytes")
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream");
        String range = ctx.request().getHeader("Range");
        long start = 0;
        long end = size - 1;
        if (range != null) {
            Matcher r = RANGE.matcher(range.trim());
            if (!r.matches() || (r.group(1).isEmpty() && r.group(2).isEmpty())) {
                response.setStatusCode(416).putHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + size).end();
                return;
            }
            if (r.group(1).isEmpty()) {
                start = Math.max(0, size - Long.parseLong(r.group(2)));
            } else {
                start = Long.parseLong(r.group(1));
                end = r.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(r.group(2)));
            }
            if (start >= size || start > end) {
                response.setStatusCode(416).putHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + size).end();
                return;
            }
            response.setStatusCode(206).putHeader(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + size);
        }
        long length = end - start + 1;
        if (ctx.request().method() == HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(length)).end();
        } else {
            response.sendFile(file.get().toString(), start, length);
        }
    }

    private Optional<Path> find(String digest) {
        return downloads.cacheRoots().stream().map(BfbCache::new)
                .filter(cache -> cache.lookup(digest).isPresent())
                .map(cache -> cache.file(digest)).filter(Files::isRegularFile).findFirst();
    }
}
