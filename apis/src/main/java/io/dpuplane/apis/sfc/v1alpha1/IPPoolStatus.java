package io.dpuplane.apis.sfc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** The node's block of an {@link IPPool} and what is allocated from it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IPPoolStatus extends ProgrammingStatus {

    @JsonPropertyDescription("The block this node took from the pool, e.g. 10.100.7.0/24; stable once taken.")
    private String block;

    @JsonPropertyDescription("Addresses allocated from the block.")
    private List<IPAllocation> allocations = new ArrayList<>();

    @JsonPropertyDescription("True when the block has no free address left; requests are refused, never wrapped.")
    private Boolean exhausted;

    public String getBlock() {
        return block;
    }

    public void setBlock(String block) {
        this.block = block;
    }

    public List<IPAllocation> getAllocations() {
        return allocations;
    }

    public void setAllocations(List<IPAllocation> allocations) {
        this.allocations = allocations;
    }

    public Boolean getExhausted() {
        return exhausted;
    }

    public void setExhausted(Boolean exhausted) {
        this.exhausted = exhausted;
    }
}
