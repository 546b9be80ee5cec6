package io.dpuplane.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dpuplane version}: this build, and the Kubernetes and Crossplane versions it is tested against. */
@Command(name = "version", description = "Print the dpuplane version and the versions it is tested against.")
public class VersionCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        BuildInfo info = new BuildInfo();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("dpuplane %s%n", info.version());
        out.printf("  kubernetes  %s (tested against)%n", info.kubernetesVersion());
        out.printf("  crossplane  %s (tested against)%n", info.crossplaneVersion());
        out.printf("  java        %s%n", Runtime.version());
        out.flush();
    }
}
