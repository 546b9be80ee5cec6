package io.dpuplane.apis.sfc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** A pool as one DPU node sees it: the whole CIDR, the block size each node takes, and what to leave out. */
@ValidationRule(value = "self.node == oldSelf.node",
        message = "node is immutable: the pool view belongs to one DPU node", fieldPath = ".node")
@ValidationRule(value = IpamRules.CIDR_SYNTAX, message = IpamRules.CIDR_SYNTAX_MESSAGE, fieldPath = ".cidr")
@ValidationRule(value = IpamRules.CIDR_IS_NETWORK, message = IpamRules.CIDR_IS_NETWORK_MESSAGE, fieldPath = ".cidr")
@ValidationRule(value = "!isCIDR(self.cidr) || (self.blockSize > cidr(self.cidr).prefixLength() "
        + "&& self.blockSize <= (cidr(self.cidr).ip().family() == 4 ? 32 : 128))",
        message = "blockSize must be a longer prefix than cidr's (a smaller block), at most 32 for IPv4 and "
                + "128 for IPv6", fieldPath = ".blockSize")
@ValidationRule(value = IpamRules.EXCLUSIONS_SYNTAX, message = IpamRules.EXCLUSIONS_SYNTAX_MESSAGE,
        fieldPath = ".exclusions")
@ValidationRule(value = IpamRules.EXCLUSIONS_INSIDE, message = IpamRules.EXCLUSIONS_INSIDE_MESSAGE,
        fieldPath = ".exclusions")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IPPoolSpec(
        @Required
        @JsonPropertyDescription("The DPU node (Node name in the DPU cluster) whose agent allocates from the pool. "
                + "Immutable.")
        String node,
        @Required
        @Size(max = 43)
        @JsonPropertyDescription("The whole pool, e.g. 10.100.0.0/16.")
        String cidr,
        @Required
        @Min(1)
        @Max(128)
        @JsonPropertyDescription("Prefix length of the block each node takes from the pool, e.g. 24.")
        Integer blockSize,
        @Min(0)
        @JsonPropertyDescription("Index within the node's block of the address kept as gateway, e.g. 1 for the "
                + "first usable one; unset means no gateway.")
        Integer gatewayIndex,
        @Size(max = 256)
        @JsonPropertyDescription("Addresses and CIDRs inside cidr that are never allocated.")
        List<@Size(max = 43) String> exclusions) {
}
