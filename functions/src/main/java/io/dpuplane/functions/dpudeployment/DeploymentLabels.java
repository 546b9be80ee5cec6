package io.dpuplane.functions.dpudeployment;

import io.dpuplane.functions.dpuset.DpuNames;

/**
 * The labels that tie a DPUDeployment together. On the DPUs' Nodes in the DPU cluster: membership (the
 * interfaces, chain and pools are programmed on member nodes only) and one version label per service
 * (its DPUService revision runs only on nodes carrying that revision). On the composed objects: which
 * deployment, service and revision they belong to, so an old revision can be recognised and kept.
 */
final class DeploymentLabels {

    static final String DEPLOYMENT = "platform.dpuplane.io/dpudeployment";
    static final String SERVICE = "platform.dpuplane.io/service";
    static final String REVISION = "platform.dpuplane.io/revision";
    static final String MEMBER_VALUE = "member";
    /** The label every pod of a network function carries, its service ID: how the DPU agent finds its ports. */
    static final String POD_SERVICE = "svc.dpuplane.io/service";

    private DeploymentLabels() {
    }

    /** The DPU-cluster node label every DPU of the deployment carries. */
    static String member(String deployment) {
        return "dpudeployment.dpuplane.io/" + DpuNames.label(deployment);
    }

    /** The DPU-cluster node label whose value is the revision of a service a node runs. */
    static String version(String deployment, String service) {
        return "version.dpudeployment.dpuplane.io/" + DpuNames.label(deployment + "-" + service);
    }

    /** The service ID of a network function: its pods' label svc.dpuplane.io/service, the same in every revision. */
    static String serviceId(String deployment, String service) {
        return DpuNames.label(deployment + "-" + service);
    }
}
