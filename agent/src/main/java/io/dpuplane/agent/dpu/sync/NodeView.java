package io.dpuplane.agent.dpu.sync;

import io.dpuplane.apis.sfc.v1alpha1.IPPool;
import io.dpuplane.apis.sfc.v1alpha1.ServiceChain;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterface;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/** The sfc objects of this node, and the network functions' pods on it, as the informers hold them now. */
record NodeView(List<ServiceInterface> interfaces, List<ServiceChain> chains, List<IPPool> pools, List<Pod> pods) {
}
