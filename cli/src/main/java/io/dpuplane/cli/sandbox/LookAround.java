package io.dpuplane.cli.sandbox;

import io.dpuplane.testkit.kube.ControlPlaneBinaries;
import java.io.PrintWriter;

/** The commands a user runs next to look at what the sandbox built. */
record LookAround(SandboxDir dir) {

    void print(PrintWriter out) {
        out.printf("""
                Look around (kubectl is the one tools/testenv built, if none is on your PATH):
                  alias kubectl=%s
                  export KUBECONFIG=%s
                  kubectl get dpudeployments,dpus,bfbs -A              # provisioning
                  kubectl get dpuservices,dpuservicechains -A          # services and chains
                  bin/dpuplane status dpudeployment/quickstart -n %s   # the tree behind the composite
                  kubectl --kubeconfig %s get nodes,pods -A -o wide    # the DPU cluster
                  logs: %s
                """, ControlPlaneBinaries.pinned().binDir().resolve("kubectl"), dir.hostKubeconfig(), Sandbox.NAMESPACE,
                dir.dpuKubeconfig(), dir.logs());
        out.flush();
    }
}
