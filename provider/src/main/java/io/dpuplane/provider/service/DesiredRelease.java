package io.dpuplane.provider.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The release a DPUService wants in each of its clusters: name, namespace, chart and merged values. Its
 * fingerprint (chart source, version and values) is written as the release's description, so a release
 * upgraded, rolled back or reinstalled by anyone else no longer matches and is put back.
 */
record DesiredRelease(String name, String namespace, ChartRef chart, Map<String, Object> values) {

    private static final String DESCRIPTION_PREFIX = "dpuplane spec ";

    /**
     * Where the Helm SDK finds the chart: {@code reference} is a repository alias and chart name, an OCI
     * reference or a local archive; {@code source} says it for people; {@code repositoryAlias} is set for
     * an HTTP repository chart.
     */
    record ChartRef(String reference, String version, String source, String repositoryAlias, Path archive) {
    }

    String description() {
        return DESCRIPTION_PREFIX + fingerprint();
    }

    private String fingerprint() {
        try {
            String identity = chart.source() + "\n" + chart.version() + "\n"
                    + ServiceValues.CANONICAL.writeValueAsString(values);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint the values of release " + name, e);
        }
    }
}
