package io.dpuplane.apis.sfc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The OpenFlow flows the agent installed for a {@link ServiceChain}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceChainStatus extends ProgrammingStatus {

    @JsonPropertyDescription("OpenFlow cookie marking the chain's flows on br-sfc, in hex (e.g. 0x9c1f2a6b3d4e5f60); "
            + "derived from the chain's namespace and name, so it is stable across restarts.")
    private String cookie;

    @JsonPropertyDescription("Number of flows installed under the cookie.")
    private Integer flowsInstalled;

    public String getCookie() {
        return cookie;
    }

    public void setCookie(String cookie) {
        this.cookie = cookie;
    }

    public Integer getFlowsInstalled() {
        return flowsInstalled;
    }

    public void setFlowsInstalled(Integer flowsInstalled) {
        this.flowsInstalled = flowsInstalled;
    }
}
