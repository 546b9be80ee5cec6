package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/** A DPU as the provider sees it: phase, install progress, installed versions and its node. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUObservation {

    @JsonPropertyDescription("Provisioning phase: Initializing, NodeEffect, Pending, OSInstalling, Rebooting, "
            + "HostNetworkConfiguration, DPUClusterConfig, Ready, Error (retried with backoff) or Deleting.")
    private DPUPhase phase;

    @JsonPropertyDescription("The install operation the host agent runs or last ran for this DPU.")
    private InstallProgress install;

    @JsonPropertyDescription("What the DPU was last provisioned with.")
    private InstalledRevision installed;

    @JsonPropertyDescription("BFB bundle version the DPU reports running, e.g. "
            + "bf-bundle-2.9.1-30_24.11_ubuntu-22.04_prod.")
    private String bfbVersion;

    @JsonPropertyDescription("DOCA version the DPU reports running, e.g. 2.9.1.")
    private String docaVersion;

    @JsonPropertyDescription("Name of the DPU's Node in its DPU cluster.")
    private String dpuNodeName;

    @JsonPropertyDescription("The last error, as a user can act on it; cleared once the DPU is Ready.")
    private String lastError;

    @JsonPropertyDescription("The effect this DPU holds on its host Node (cordon, label:<key> or taint:<key>) until "
            + "it is Ready; unset while it holds none.")
    private String hostNodeEffect;

    @Min(0)
    @JsonPropertyDescription("Failed attempts since the last success; each retry waits longer.")
    private Integer attempts;

    public DPUPhase getPhase() {
        return phase;
    }

    public void setPhase(DPUPhase phase) {
        this.phase = phase;
    }

    public InstallProgress getInstall() {
        return install;
    }

    public void setInstall(InstallProgress install) {
        this.install = install;
    }

    public InstalledRevision getInstalled() {
        return installed;
    }

    public void setInstalled(InstalledRevision installed) {
        this.installed = installed;
    }

    public String getBfbVersion() {
        return bfbVersion;
    }

    public void setBfbVersion(String bfbVersion) {
        this.bfbVersion = bfbVersion;
    }

    public String getDocaVersion() {
        return docaVersion;
    }

    public void setDocaVersion(String docaVersion) {
        this.docaVersion = docaVersion;
    }

    public String getDpuNodeName() {
        return dpuNodeName;
    }

    public void setDpuNodeName(String dpuNodeName) {
        this.dpuNodeName = dpuNodeName;
    }

    public String getLastError() {
        return lastError;
    }

    public void setLastError(String lastError) {
        this.lastError = lastError;
    }

    public String getHostNodeEffect() {
        return hostNodeEffect;
    }

    public void setHostNodeEffect(String hostNodeEffect) {
        this.hostNodeEffect = hostNodeEffect;
    }

    public Integer getAttempts() {
        return attempts;
    }

    public void setAttempts(Integer attempts) {
        this.attempts = attempts;
    }
}
