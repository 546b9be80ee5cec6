package io.dpuplane.provider.chain;

import io.dpuplane.provider.cluster.DpuClusterTargets;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterface;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterfaceSpec;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterfaceStatus;
import io.dpuplane.apis.sfc.v1alpha1.VfInterface;
import io.dpuplane.apis.svc.v1alpha1.ClusterTargets;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceInterface;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceInterfaceParameters;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/** A DPUServiceInterface is one ServiceInterface per selected DPU node; a VF's parent is the node's own. */
final class InterfaceMirror extends NodeMirror<DPUServiceInterface, ServiceInterfaceStatus, ServiceInterface> {

    InterfaceMirror(KubernetesClient host, DpuClusterTargets clusters) {
        super(host, clusters, ServiceInterface.class, "DPUServiceInterface");
    }

    @Override
    protected NodeObjects<ServiceInterface> prepare(DPUServiceInterface resource) {
        DPUServiceInterfaceParameters p = resource.getSpec().getForProvider();
        if (p.getInterfaceType() == null) {
            throw new BadInput("interfaceType is not set");
        }
        return node -> {
            ServiceInterfaceSpec spec = new ServiceInterfaceSpec();
            spec.setNode(node);
            spec.setInterfaceType(p.getInterfaceType());
            spec.setPf(p.getPf());
            spec.setPhysical(p.getPhysical());
            spec.setService(p.getService());
            VfInterface vf = p.getVf();
            spec.setVf(vf == null || vf.parentInterface() == null ? vf
                    : new VfInterface(vf.pfID(), vf.vfID(), PerNode.name(vf.parentInterface(), node)));
            ServiceInterface si = new ServiceInterface();
            si.setSpec(spec);
            return si;
        };
    }

    @Override
    protected ClusterTargets targets(DPUServiceInterface resource) {
        return resource.getSpec().getForProvider().getClusters();
    }

    @Override
    protected Map<String, String> nodeSelector(DPUServiceInterface resource) {
        return resource.getSpec().getForProvider().getNodeSelector();
    }

    @Override
    protected String report(DPUServiceInterface resource, Rollup<ServiceInterface> rollup) {
        resource.requireStatus().setAtProvider(rollup.toObservation());
        return rollup.notReady("interface");
    }
}
