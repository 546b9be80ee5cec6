package io.dpuplane.functions.dpudeployment;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The input of a pipeline step that runs the DPUDeployment function ({@code apiVersion: fn.dpuplane.io/v1alpha1,
 * kind: DPUDeployment}). It only picks the function: what to compose is the DPUDeployment composite's spec.
 */
@Group("fn.dpuplane.io")
@Version("v1alpha1")
@Kind("DPUDeployment")
@Plural("dpudeployments")
@Singular("dpudeployment")
public class DPUDeploymentInput extends CustomResource<Void, Void> {
}
