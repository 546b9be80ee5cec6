package io.dpuplane.cli;

import io.dpuplane.cli.bfb.BfbCommand;
import io.dpuplane.cli.sandbox.SandboxCommand;
import io.dpuplane.cli.status.StatusCommand;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The {@code dpuplane} command. */
@TopCommand
@Command(name = "dpuplane", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = "Provision BlueField DPUs and run DOCA services on them, the Crossplane way.",
        subcommands = {VersionCommand.class, BfbCommand.class, SandboxCommand.class, StatusCommand.class})
public class DpuplaneCommand {
}
