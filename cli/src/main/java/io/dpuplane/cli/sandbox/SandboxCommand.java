package io.dpuplane.cli.sandbox;

import io.dpuplane.cli.BuildInfo;
import picocli.CommandLine.Command;

/** {@code dpuplane sandbox}: the whole system on one machine. */
@Command(name = "sandbox", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = "Run the whole system on this machine: real control planes, Crossplane core, the provider, "
                + "the function and emulated BlueFields.",
        subcommands = {UpCommand.class, DownCommand.class})
public class SandboxCommand {
}
