package io.dpuplane.apis.sfc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * What an interface on {@code br-sfc} is: its type and the details of exactly that type. Shared by the
 * host-side DPUServiceInterface and the per-node ServiceInterface it is mirrored into.
 */
@ValidationRule(value = "has(self.vf) == (self.interfaceType == 'vf')",
        message = "interfaceType vf needs vf (pfID, vfID), and vf is only allowed with interfaceType vf")
@ValidationRule(value = "has(self.pf) == (self.interfaceType == 'pf')",
        message = "interfaceType pf needs pf (pfID), and pf is only allowed with interfaceType pf")
@ValidationRule(value = "has(self.physical) == (self.interfaceType == 'physical')",
        message = "interfaceType physical needs physical (interfaceName), and physical is only allowed with "
                + "interfaceType physical")
@ValidationRule(value = "has(self.service) == (self.interfaceType == 'service')",
        message = "interfaceType service needs service (serviceID, network, interfaceName), and service is only "
                + "allowed with interfaceType service")
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class InterfaceDefinition {

    @Required
    @JsonPropertyDescription("vf, pf, physical, service or ovn; set the field of the same name with its details "
            + "(ovn has none).")
    private InterfaceType interfaceType;

    @JsonPropertyDescription("Details of a vf interface.")
    private VfInterface vf;

    @JsonPropertyDescription("Details of a pf interface.")
    private PfInterface pf;

    @JsonPropertyDescription("Details of a physical interface.")
    private PhysicalInterface physical;

    @JsonPropertyDescription("Details of a service interface.")
    private PodInterface service;

    public InterfaceType getInterfaceType() {
        return interfaceType;
    }

    public void setInterfaceType(InterfaceType interfaceType) {
        this.interfaceType = interfaceType;
    }

    public VfInterface getVf() {
        return vf;
    }

    public void setVf(VfInterface vf) {
        this.vf = vf;
    }

    public PfInterface getPf() {
        return pf;
    }

    public void setPf(PfInterface pf) {
        this.pf = pf;
    }

    public PhysicalInterface getPhysical() {
        return physical;
    }

    public void setPhysical(PhysicalInterface physical) {
        this.physical = physical;
    }

    public PodInterface getService() {
        return service;
    }

    public void setService(PodInterface service) {
        this.service = service;
    }
}
