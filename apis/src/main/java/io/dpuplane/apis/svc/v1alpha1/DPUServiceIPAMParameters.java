package io.dpuplane.apis.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.dpuplane.apis.sfc.v1alpha1.IpamRules;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** An IP pool, the block each DPU node takes from it, and the DPU nodes that take one. */
@ValidationRule(value = IpamRules.CIDR_SYNTAX, message = IpamRules.CIDR_SYNTAX_MESSAGE, fieldPath = ".cidr")
@ValidationRule(value = IpamRules.CIDR_IS_NETWORK, message = IpamRules.CIDR_IS_NETWORK_MESSAGE, fieldPath = ".cidr")
@ValidationRule(value = "!isCIDR(self.cidr) || (self.perNodeBlockSize > cidr(self.cidr).prefixLength() "
        + "&& self.perNodeBlockSize <= (cidr(self.cidr).ip().family() == 4 ? 32 : 128))",
        message = "perNodeBlockSize must be a longer prefix than cidr's (a smaller block), at most 32 for IPv4 "
                + "and 128 for IPv6", fieldPath = ".perNodeBlockSize")
@ValidationRule(value = IpamRules.EXCLUSIONS_SYNTAX, message = IpamRules.EXCLUSIONS_SYNTAX_MESSAGE,
        fieldPath = ".exclusions")
@ValidationRule(value = IpamRules.EXCLUSIONS_INSIDE, message = IpamRules.EXCLUSIONS_INSIDE_MESSAGE,
        fieldPath = ".exclusions")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DPUServiceIPAMParameters(
        @Required
        @Size(max = 43)
        @JsonPropertyDescription("The whole pool, e.g. 10.100.0.0/16 or fd00:10::/48.")
        String cidr,
        @Required
        @Min(1)
        @Max(128)
        @JsonPropertyDescription("Prefix length of the block each DPU node gets, longer than cidr's: /16 split "
                + "into /24 blocks gives 256 nodes 256 addresses each.")
        Integer perNodeBlockSize,
        @Min(0)
        @JsonPropertyDescription("Index within each node's block of the address kept as that node's gateway, e.g. "
                + "1 for the first usable one; unset means no gateway.")
        Integer gatewayIndex,
        @Size(max = 256)
        @JsonPropertyDescription("Addresses and CIDRs inside cidr that are never allocated.")
        List<@Size(max = 43) String> exclusions,
        @Required
        @JsonPropertyDescription("The DPU clusters to mirror the pool into.")
        ClusterTargets clusters,
        @JsonPropertyDescription("Labels of the DPU nodes within those clusters that get a block; unset means all.")
        Map<String, String> nodeSelector) {
}
