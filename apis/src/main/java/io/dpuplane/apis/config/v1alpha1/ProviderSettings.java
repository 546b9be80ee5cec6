package io.dpuplane.apis.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/**
 * The settings a {@link ProviderConfig} and a {@link ClusterProviderConfig} share: how to reach the host
 * agents, where BFBs are cached, and how many DPUs may be installing at once.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class ProviderSettings {

    @Required
    @JsonPropertyDescription("How the provider connects to the dpuplane host agents.")
    private AgentConnection agent;

    @JsonPropertyDescription("BFB image cache and registry settings.")
    private BFBCacheSettings bfbCache;

    @Default("10")
    @Min(1)
    @JsonPropertyDescription("At most this many DPUs using this config install a BFB at the same time; the "
            + "others wait in phase Pending.")
    private Integer maxParallelInstalls = 10;

    public AgentConnection getAgent() {
        return agent;
    }

    public void setAgent(AgentConnection agent) {
        this.agent = agent;
    }

    public BFBCacheSettings getBfbCache() {
        return bfbCache;
    }

    public void setBfbCache(BFBCacheSettings bfbCache) {
        this.bfbCache = bfbCache;
    }

    public Integer getMaxParallelInstalls() {
        return maxParallelInstalls;
    }

    public void setMaxParallelInstalls(Integer maxParallelInstalls) {
        this.maxParallelInstalls = maxParallelInstalls;
    }
}
