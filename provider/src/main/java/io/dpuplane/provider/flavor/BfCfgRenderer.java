package io.dpuplane.provider.flavor;

import io.dpuplane.apis.provisioning.v1alpha1.ConfigFile;
import io.dpuplane.apis.provisioning.v1alpha1.ConfigFileOperation;
import io.dpuplane.apis.provisioning.v1alpha1.DPUFlavorParameters;
import io.dpuplane.apis.provisioning.v1alpha1.NvconfigEntry;
import io.dpuplane.apis.provisioning.v1alpha1.RegistryMirror;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Renders a DPUFlavor into the bf.cfg the BlueField installer sources: installer settings first, then a
 * {@code bfb_modify_os} function that writes the flavor into the freshly installed OS (grub, sysctl, sysfs,
 * firmware parameters, OVS, containerd mirrors, kubelet, extra files), and last the DPU's cluster join.
 * Deterministic: the same flavor and join always give the same bytes.
 */
public final class BfCfgRenderer {

    /** The BlueField install scripts read at most this much bf.cfg. */
    public static final int MAX_BYTES = 128 * 1024;

    /** How one DPU joins its DPU cluster (the emulator and the DPU's cloud-init read these names). */
    public record Join(String nodeName, String apiServer, String caCertBase64, String bootstrapToken) {
    }

    /** The rendered bf.cfg, and whether it fits. */
    public record Rendered(String text) {
        public byte[] bytes() {
            return text.getBytes(StandardCharsets.UTF_8);
        }

        public boolean fits() {
            return bytes().length <= MAX_BYTES;
        }
    }

    private BfCfgRenderer() {
    }

    public static Rendered render(String flavorName, DPUFlavorParameters flavor, Optional<Join> join) {
        StringBuilder out = new StringBuilder();
        out.append("#!/bin/bash\n# bf.cfg rendered by dpuplane from DPUFlavor ").append(flavorName).append("\n");
        list(flavor.bfcfgParameters()).forEach(line -> out.append(line).append('\n'));
        out.append("\nbfb_modify_os()\n{\n");
        grub(out, flavor);
        file(out, "/etc/sysctl.d/99-dpuplane.conf", flavor.sysctl() == null ? List.of()
                : list(flavor.sysctl().parameters()).stream().map(p -> p.replaceFirst("=", " = ")).toList(), "0644");
        file(out, "/etc/dpuplane/sysfs.conf", flavor.sysfs() == null ? List.of() : list(flavor.sysfs().parameters()),
                "0644");
        nvconfig(out, list(flavor.nvconfig()));
        if (flavor.ovs() != null && flavor.ovs().rawConfigScript() != null) {
            file(out, "/etc/dpuplane/ovs.sh", flavor.ovs().rawConfigScript().lines().toList(), "0755");
        }
        if (flavor.containerd() != null) {
            list(flavor.containerd().registryMirrors()).forEach(mirror -> mirror(out, mirror));
        }
        if (flavor.kubeletConfig() != null) {
            file(out, "/etc/dpuplane/kubelet-config.yaml", flavor.kubeletConfig().lines().toList(), "0644");
        }
        list(flavor.configFiles()).forEach(f -> configFile(out, f));
        out.append("}\n");
        join.ifPresent(j -> out.append("\n# DPU cluster join\nDPUPLANE_NODE_NAME=").append(j.nodeName())
                .append("\nDPUPLANE_API_SERVER=").append(j.apiServer())
                .append("\nDPUPLANE_CA_CERT_B64=").append(j.caCertBase64())
                .append("\nDPUPLANE_BOOTSTRAP_TOKEN=").append(j.bootstrapToken()).append('\n'));
        return new Rendered(out.toString());
    }

    private static void grub(StringBuilder out, DPUFlavorParameters flavor) {
        List<String> parameters = flavor.grub() == null ? List.of() : list(flavor.grub().kernelParameters());
        if (!parameters.isEmpty()) {
            out.append("  sed -i -E 's|^(GRUB_CMDLINE_LINUX=\"[^\"]*)\"|\\1 ").append(String.join(" ", parameters))
                    .append("\"|' /mnt/etc/default/grub\n");
        }
    }

    private static void nvconfig(StringBuilder out, List<NvconfigEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<String> lines = entries.stream()
                .map(e -> (e.device() == null ? "*" : e.device()) + " " + String.join(" ", list(e.parameters()))).toList();
        file(out, "/etc/dpuplane/nvconfig", lines, "0644");
    }

    private static void mirror(StringBuilder out, RegistryMirror mirror) {
        StringBuilder hosts = new StringBuilder("server = \"https://").append(mirror.registry()).append("\"\n");
        for (String endpoint : mirror.endpoints()) {
            hosts.append("\n[host.\"").append(endpoint).append("\"]\n  capabilities = [\"pull\", \"resolve\"]\n");
            if (Boolean.TRUE.equals(mirror.insecureSkipVerify())) {
                hosts.append("  skip_verify = true\n");
            }
        }
        file(out, "/etc/containerd/certs.d/" + mirror.registry() + "/hosts.toml", hosts.toString().lines().toList(), "0644");
    }

    private static void configFile(StringBuilder out, ConfigFile f) {
        boolean append = f.operation() == ConfigFileOperation.APPEND;
        heredoc(out, f.path(), f.content().lines().toList(), f.permissions() == null ? "0644" : f.permissions(), append);
    }

    private static void file(StringBuilder out, String path, List<String> lines, String mode) {
        if (!lines.isEmpty()) {
            heredoc(out, path, lines, mode, false);
        }
    }

    private static void heredoc(StringBuilder out, String path, List<String> lines, String mode, boolean append) {
        String delimiter = "DPUPLANE_EOF";
        if (lines.stream().anyMatch(delimiter::equals)) {
            throw new IllegalArgumentException("the content of " + path + " contains a line " + delimiter
                    + ", which bf.cfg cannot carry");
        }
        String target = "/mnt" + (path.startsWith("/") ? path : "/" + path);
        out.append("  mkdir -p \"$(dirname '").append(target).append("')\"\n");
        out.append("  cat ").append(append ? ">>" : ">").append(" '").append(target).append("' <<'").append(delimiter)
                .append("'\n");
        lines.forEach(line -> out.append(line).append('\n'));
        out.append(delimiter).append('\n');
        out.append("  chmod ").append(mode.length() == 3 ? "0" + mode : mode).append(" '").append(target).append("'\n");
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }
}
