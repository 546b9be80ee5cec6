package io.dpuplane.functions.dpuset;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The input of a pipeline step that runs the DPUSet function ({@code apiVersion: fn.dpuplane.io/v1alpha1,
 * kind: DPUSet}). It only picks the function: what to compose is the DPUSet composite's own spec. Its CRD,
 * generated at build time into {@code functions/target/input/}, is the input schema of the function package.
 */
@Group("fn.dpuplane.io")
@Version("v1alpha1")
@Kind("DPUSet")
@Plural("dpusets")
@Singular("dpuset")
public class DPUSetInput extends CustomResource<Void, Void> {
}
