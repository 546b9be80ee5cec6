package io.dpuplane.cli.bfb;

import io.dpuplane.bfb.BfbFileNames;
import io.dpuplane.bfb.BfbVersions;
import io.dpuplane.bfb.BootImage;
import io.dpuplane.bfb.BootStreamException;
import io.dpuplane.bfb.ImageType;
import io.dpuplane.cli.BuildInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dpuplane bfb inspect FILE}: walks the image chain, checks every CRC, prints what the BFB holds. */
@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = "Validate a BFB (image headers, CRC-32 of every image, the chain's end) and print its images,"
                + " component versions, size and sha256.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:a valid boot stream",
            "1:a malformed one: the defect, its byte offset and image go to stderr",
            "2:the file cannot be read, or a usage error"})
public class InspectCommand implements Callable<Integer> {

    static final int VALID = 0;
    static final int MALFORMED = 1;
    static final int UNREADABLE = 2;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The BFB file.")
    Path file;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file)) {
            err.printf("dpuplane bfb inspect: %s: no such file%n", file);
            return UNREADABLE;
        }
        try {
            print(Inspection.of(file));
            return VALID;
        } catch (BootStreamException e) {
            err.printf("dpuplane bfb inspect: %s: malformed boot stream: %s%n", file, e.getMessage());
            return MALFORMED;
        } catch (IOException e) {
            err.printf("dpuplane bfb inspect: %s: cannot read it: %s%n", file, e.getMessage());
            return UNREADABLE;
        } finally {
            err.flush();
        }
    }

    private void print(Inspection inspection) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("file      %s%n", file);
        out.printf("size      %d bytes%n", inspection.report().totalBytes());
        out.printf("sha256    %s%n", inspection.sha256());
        out.printf("images    %d, every CRC-32 ok%n", inspection.report().images().size());
        out.printf("  %5s  %3s  %-16s  %12s  %12s  %s%n", "index", "id", "name", "offset", "length", "crc-32");
        for (BootImage image : inspection.report().images()) {
            out.printf("  %5d  %3d  %-16s  %12d  %12d  0x%08x ok%n", image.index(), image.id(),
                    ImageType.nameOf(image.id()), image.offset(), image.length(), image.crc());
        }
        BfbVersions inventory = inspection.report().versions();
        BfbVersions fromName = BfbFileNames.versions(file.getFileName().toString());
        out.println("versions");
        out.printf("  atf     %s%n", orUnknown(inventory.atf()));
        out.printf("  uefi    %s%n", orUnknown(inventory.uefi()));
        out.printf("  bsp     %s%n", orUnknown(inventory.bsp()));
        if (inventory.doca() == null && fromName.doca() != null) {
            out.printf("  doca    %s (from the file name)%n", fromName.doca());
        } else {
            out.printf("  doca    %s%n", orUnknown(inventory.doca()));
        }
        out.flush();
    }

    private static String orUnknown(String version) {
        return version != null ? version : "unknown (no SoftwareInventory in the stream)";
    }
}
