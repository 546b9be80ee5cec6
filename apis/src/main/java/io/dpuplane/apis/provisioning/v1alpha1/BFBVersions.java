package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Component versions carried by a BFB. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BFBVersions {

    @JsonPropertyDescription("DOCA version, e.g. 2.9.1.")
    private String doca;

    @JsonPropertyDescription("Arm Trusted Firmware version.")
    private String atf;

    @JsonPropertyDescription("UEFI version.")
    private String uefi;

    @JsonPropertyDescription("BlueField support package (BSP) version.")
    private String bsp;

    public String getDoca() {
        return doca;
    }

    public void setDoca(String doca) {
        this.doca = doca;
    }

    public String getAtf() {
        return atf;
    }

    public void setAtf(String atf) {
        this.atf = atf;
    }

    public String getUefi() {
        return uefi;
    }

    public void setUefi(String uefi) {
        this.uefi = uefi;
    }

    public String getBsp() {
        return bsp;
    }

    public void setBsp(String bsp) {
        this.bsp = bsp;
    }
}
