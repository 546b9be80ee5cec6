package io.dpuplane.cli.status;

import io.dpuplane.cli.KubeconfigOption;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dpuplane status <kind>/<name>}: the tree of everything behind a composite, with Ready, Synced, message. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Print the tree of every object behind a composite (or any Crossplane resource) with its "
                + "Ready and Synced conditions and the message of what is not ready yet. Exits 0 when all are Ready.")
public class StatusCommand implements Callable<Integer> {

    @Parameters(paramLabel = "KIND/NAME", description = "e.g. dpuset/fleet, dpudeployment/quickstart")
    String target;

    @Option(names = {"-n", "--namespace"}, defaultValue = "default", description = "Namespace (default: ${DEFAULT-VALUE})")
    String namespace;

    @Mixin
    KubeconfigOption kubeconfig;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int slash = target.indexOf('/');
        if (slash <= 0 || slash == target.length() - 1) {
            err.println("status: name the object as KIND/NAME, e.g. dpuset/fleet");
            return 2;
        }
        try (KubernetesClient client = kubeconfig.client()) {
            String kind = target.substring(0, slash);
            var served = new KindResolver(client).resolve(kind);
            if (served.isEmpty()) {
                err.println("status: the API server at " + client.getMasterUrl() + " serves no kind called '" + kind
                        + "' (are the CRDs and XRDs installed?)");
                return 2;
            }
            ObjectRef root = new ObjectRef(served.get().apiVersion(), served.get().kind(),
                    served.get().namespaced() ? namespace : null, target.substring(slash + 1));
            TreeNode tree = new CompositeTree(client).read(root);
            new TreePrinter(out).print(tree);
            return tree.allReady() ? 0 : 1;
        }
    }
}
