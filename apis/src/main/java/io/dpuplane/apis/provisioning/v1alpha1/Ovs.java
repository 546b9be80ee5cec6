package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Open vSwitch configuration of the DPU OS. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Ovs(
        @JsonPropertyDescription("A shell script of ovs-vsctl commands run once OVS is up (with set -e), e.g. to "
                + "create br-sfc with datapath_type=netdev and fail_mode=secure.")
        String rawConfigScript) {
}
