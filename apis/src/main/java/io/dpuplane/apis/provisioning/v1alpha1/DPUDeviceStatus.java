package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What a card runs and how it is doing, refreshed by its host agent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DPUDeviceStatus(
        @JsonPropertyDescription("NIC firmware version, e.g. 32.43.1014.")
        String firmwareVersion,
        @JsonPropertyDescription("BFB bundle version the card last reported running.")
        String bfbVersion,
        @JsonPropertyDescription("The rshim device the agent reaches the card through, e.g. rshim0 (/dev/rshim0/).")
        String rshimDevice,
        @JsonPropertyDescription("Healthy, Degraded, Unresponsive (rshim does not answer) or Unknown.")
        DeviceHealth health,
        @JsonPropertyDescription("Why the card is not Healthy.")
        String healthMessage,
        @JsonPropertyDescription("When the agent last refreshed this status (RFC 3339).")
        String lastUpdateTime) {
}
