package io.dpuplane.functions.dpunetwork;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The input of a pipeline step that runs the DPUNetwork function ({@code apiVersion: fn.dpuplane.io/v1alpha1,
 * kind: DPUNetwork}). It only picks the function: what to compose is the DPUNetwork composite's spec.
 */
@Group("fn.dpuplane.io")
@Version("v1alpha1")
@Kind("DPUNetwork")
@Plural("dpunetworks")
@Singular("dpunetwork")
public class DPUNetworkInput extends CustomResource<Void, Void> {
}
