package io.dpuplane.cli.bfb;

import io.dpuplane.cli.BuildInfo;
import picocli.CommandLine.Command;

/** {@code dpuplane bfb}: BlueField boot streams. */
@Command(name = "bfb", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = "Inspect and build BlueField boot streams (BFB images).",
        subcommands = {InspectCommand.class, BuildCommand.class})
public class BfbCommand {
}
