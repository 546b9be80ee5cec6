package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How far a download has come. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DownloadProgress {

    @JsonPropertyDescription("Bytes received so far.")
    private Long bytes;

    @JsonPropertyDescription("Total bytes, when the server said (Content-Length).")
    private Long total;

    @JsonPropertyDescription("Percent done, 0-100, as text for kubectl columns (e.g. 42%).")
    private String percent;

    @JsonPropertyDescription("Recent rate in bytes per second.")
    private Long bytesPerSecond;

    public Long getBytes() {
        return bytes;
    }

    public void setBytes(Long bytes) {
        this.bytes = bytes;
    }

    public Long getTotal() {
        return total;
    }

    public void setTotal(Long total) {
        this.total = total;
    }

    public String getPercent() {
        return percent;
    }

    public void setPercent(String percent) {
        this.percent = percent;
    }

    public Long getBytesPerSecond() {
        return bytesPerSecond;
    }

    public void setBytesPerSecond(Long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }
}
