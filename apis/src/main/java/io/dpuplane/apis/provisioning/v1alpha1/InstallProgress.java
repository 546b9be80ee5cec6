package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * A BFB install as the host agent reports it. The agent owns the operation; the provider finds it again
 * by its id after a restart instead of starting a second install.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InstallProgress {

    @JsonPropertyDescription("Id of the install operation on the host agent.")
    private String operationId;

    @JsonPropertyDescription("Stage the device is in, e.g. Pushing, Firmware, UEFI, OS, CloudInit, Done.")
    private String stage;

    @JsonPropertyDescription("Bytes of the boot stream written to the device so far.")
    private Long bytesPushed;

    @JsonPropertyDescription("Size of the boot stream (BFB plus bf.cfg) in bytes.")
    private Long totalBytes;

    @JsonPropertyDescription("Percent pushed, 0-100, as text for kubectl columns (e.g. 42%).")
    private String percent;

    @JsonPropertyDescription("The last lines of the device console, to see where a boot stopped.")
    private List<String> lastConsoleLines = new ArrayList<>();

    public String getOperationId() {
        return operationId;
    }

    public void setOperationId(String operationId) {
        this.operationId = operationId;
    }

    public String getStage() {
        return stage;
    }

    public void setStage(String stage) {
        this.stage = stage;
    }

    public Long getBytesPushed() {
        return bytesPushed;
    }

    public void setBytesPushed(Long bytesPushed) {
        this.bytesPushed = bytesPushed;
    }

    public Long getTotalBytes() {
        return totalBytes;
    }

    public void setTotalBytes(Long totalBytes) {
        this.totalBytes = totalBytes;
    }

    public String getPercent() {
        return percent;
    }

    public void setPercent(String percent) {
        this.percent = percent;
    }

    public List<String> getLastConsoleLines() {
        return lastConsoleLines;
    }

    public void setLastConsoleLines(List<String> lastConsoleLines) {
        this.lastConsoleLines = lastConsoleLines;
    }
}
