package io.dpuplane.apis.sfc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The OVS port the agent made of a {@link ServiceInterface}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceInterfaceStatus extends ProgrammingStatus {

    @JsonPropertyDescription("Name of the port on br-sfc, e.g. pf0vf3.")
    private String ovsPort;

    @JsonPropertyDescription("OpenFlow port number OVS assigned to it.")
    private Integer ofport;

    @JsonPropertyDescription("MAC address of the interface.")
    private String mac;

    @JsonPropertyDescription("IP address allocated to the interface from the node's IPPool, if any.")
    private String ipAddress;

    public String getOvsPort() {
        return ovsPort;
    }

    public void setOvsPort(String ovsPort) {
        this.ovsPort = ovsPort;
    }

    public Integer getOfport() {
        return ofport;
    }

    public void setOfport(Integer ofport) {
        this.ofport = ofport;
    }

    public String getMac() {
        return mac;
    }

    public void setMac(String mac) {
        this.mac = mac;
    }

    public String getIpAddress() {
        return ipAddress;
    }

    public void setIpAddress(String ipAddress) {
        this.ipAddress = ipAddress;
    }
}
