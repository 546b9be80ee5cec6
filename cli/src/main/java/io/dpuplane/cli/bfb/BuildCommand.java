package io.dpuplane.cli.bfb;

import io.dpuplane.bfb.BfbVersions;
import io.dpuplane.bfb.BootStreamWriter;
import io.dpuplane.cli.BuildInfo;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dpuplane bfb build}: writes a synthetic BFB with the structure of a real one, for the emulator and demos. */
@Command(name = "build", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = "Write a synthetic BFB with a real one's structure: BL2, BL31, BL33 (UEFI), the Redfish"
                + " SoftwareInventory naming the versions, an optional bf.cfg, a kernel and an initramfs making up"
                + " the size. Prints its sha256.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "2:a usage error, or the file cannot be read or written"})
public class BuildCommand implements Callable<Integer> {

    static final int WRITTEN = 0;
    static final int FAILED = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Where to write the BFB.")
    Path output;

    @Option(names = "--doca", defaultValue = "2.9.1", paramLabel = "VERSION",
            description = "The DOCA version the inventory names (default: ${DEFAULT-VALUE}).")
    String doca;

    @Option(names = "--bsp", paramLabel = "VERSION",
            description = "The BSP version (default: the one that goes with DOCA, 4.9.1 for DOCA 2.9.1).")
    String bsp;

    @Option(names = "--atf", paramLabel = "VERSION", description = "The ATF version (default: the BSP version).")
    String atf;

    @Option(names = "--uefi", paramLabel = "VERSION", description = "The UEFI version (default: the BSP version).")
    String uefi;

    @Option(names = "--size", defaultValue = "64MiB", paramLabel = "SIZE", converter = ByteSize.Converter.class,
            description = "The size of the file, e.g. 8MiB or 2GiB (default: ${DEFAULT-VALUE}).")
    ByteSize size;

    @Option(names = "--bf-cfg", paramLabel = "FILE", description = "A bf.cfg to embed (as the boot-args image).")
    Path bfCfg;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            BootStreamWriter writer = SyntheticBundle.writer(versions(), size.bytes(), readBfCfg());
            String sha256 = write(writer);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("wrote %s: %d bytes%n", output, writer.size());
            out.printf("sha256 %s%n", sha256);
            out.flush();
            return WRITTEN;
        } catch (IllegalArgumentException | IOException e) {
            err.printf("dpuplane bfb build: %s%n", e.getMessage());
            err.flush();
            return FAILED;
        }
    }

    private BfbVersions versions() {
        String defaultBsp = bsp != null ? bsp : SyntheticBundle.bspFor(doca);
        return new BfbVersions(atf != null ? atf : defaultBsp, uefi != null ? uefi : defaultBsp, defaultBsp, doca);
    }

    private String readBfCfg() throws IOException {
        if (bfCfg == null) {
            return null;
        }
        if (!Files.isRegularFile(bfCfg)) {
            throw new IOException(bfCfg + ": no such bf.cfg file");
        }
        return Files.readString(bfCfg, StandardCharsets.UTF_8);
    }

    private String write(BootStreamWriter writer) throws IOException {
        MessageDigest sha256 = Inspection.newSha256();
        try (OutputStream out = new DigestOutputStream(
                new BufferedOutputStream(Files.newOutputStream(output), 1 << 16), sha256)) {
            writer.writeTo(out);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
