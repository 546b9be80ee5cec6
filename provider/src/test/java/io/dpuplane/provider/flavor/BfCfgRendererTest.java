package io.dpuplane.provider.flavor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dpuplane.apis.provisioning.v1alpha1.ConfigFile;
import io.dpuplane.apis.provisioning.v1alpha1.ConfigFileOperation;
import io.dpuplane.apis.provisioning.v1alpha1.Containerd;
import io.dpuplane.apis.provisioning.v1alpha1.DPUFlavorParameters;
import io.dpuplane.apis.provisioning.v1alpha1.Grub;
import io.dpuplane.apis.provisioning.v1alpha1.NvconfigEntry;
import io.dpuplane.apis.provisioning.v1alpha1.Ovs;
import io.dpuplane.apis.provisioning.v1alpha1.RegistryMirror;
import io.dpuplane.apis.provisioning.v1alpha1.Sysctl;
import io.dpuplane.apis.provisioning.v1alpha1.Sysfs;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bf.cfg a flavor renders into, field by field. */
class BfCfgRendererTest {

    private static DPUFlavorParameters empty() {
        return new DPUFlavorParameters(null, null, null, null, null, null, null, null, null);
    }

    private static String render(DPUFlavorParameters flavor) {
        return BfCfgRenderer.render("fleet/hbn", flavor, Optional.empty()).text();
    }

    @Test
    void anEmptyFlavorIsAnInstallerScriptWithAnEmptyHook() {
        assertThat(render(empty())).startsWith("#!/bin/bash\n# bf.cfg rendered by dpuplane from DPUFlavor fleet/hbn\n")
                .contains("bfb_modify_os()\n{\n}\n").doesNotContain("DPUPLANE_NODE_NAME");
    }

    @Test
    void installerParametersComeFirstVerbatim() {
        String text = render(new DPUFlavorParameters(null, null, null, null, null, null, null, null,
                List.of("UPDATE_ATF_UEFI=yes", "ENABLE_SFC_HBN=no")));
        assertThat(text.indexOf("UPDATE_ATF_UEFI=yes\nENABLE_SFC_HBN=no\n")).isLessThan(text.indexOf("bfb_modify_os"));
    }

    @Test
    void grubParametersAreAppendedToTheKernelCommandLine() {
        assertThat(render(new DPUFlavorParameters(new Grub(List.of("hugepages=3072", "isolcpus=1-7")), null, null, null,
                null, null, null, null, null)))
                .contains("sed -i -E 's|^(GRUB_CMDLINE_LINUX=\"[^\"]*)\"|\\1 hugepages=3072 isolcpus=1-7\"|' /mnt/etc/default/grub");
    }

    @Test
    void sysctlAndSysfsBecomeFilesInTheInstalledOs() {
        String text = render(new DPUFlavorParameters(null, new Sysctl(List.of("net.ipv4.ip_forward=1")),
                new Sysfs(List.of("/sys/class/net/p0/mtu=9216")), null, null, null, null, null, null));
        assertThat(text).contains("cat > '/mnt/etc/sysctl.d/99-dpuplane.conf' <<'DPUPLANE_EOF'\nnet.ipv4.ip_forward = 1\nDPUPLANE_EOF\n")
                .contains("cat > '/mnt/etc/dpuplane/sysfs.conf' <<'DPUPLANE_EOF'\n/sys/class/net/p0/mtu=9216\nDPUPLANE_EOF\n");
    }

    @Test
    void firmwareParametersArePerDevice() {
        String text = render(new DPUFlavorParameters(null, null, null, List.of(
                new NvconfigEntry("p0", List.of("PF_TOTAL_SF=20", "SRIOV_EN=1")), new NvconfigEntry("p1", List.of("LINK_TYPE_P2=2"))),
                null, null, null, null, null));
        assertThat(text).contains("<<'DPUPLANE_EOF'\np0 PF_TOTAL_SF=20 SRIOV_EN=1\np1 LINK_TYPE_P2=2\nDPUPLANE_EOF");
    }

    @Test
    void ovsScriptIsExecutableAndContainerdMirrorsBecomeHostsToml() {
        String text = render(new DPUFlavorParameters(null, null, null, null, new Ovs("ovs-vsctl set o . other_config:hw-offload=true"),
                new Containerd(List.of(new RegistryMirror("nvcr.io", List.of("https://mirror.example:5000"), true))),
                null, null, null));
        assertThat(text).contains("cat > '/mnt/etc/dpuplane/ovs.sh'").contains("chmod 0755 '/mnt/etc/dpuplane/ovs.sh'")
                .contains("'/mnt/etc/containerd/certs.d/nvcr.io/hosts.toml'")
                .contains("server = \"https://nvcr.io\"\n\n[host.\"https://mirror.example:5000\"]\n  capabilities = [\"pull\", \"resolve\"]\n  skip_verify = true\n");
    }

    @Test
    void configFilesKeepTheirPermissionsAndCanAppend() {
        String text = render(new DPUFlavorParameters(null, null, null, null, null, null, List.of(
                new ConfigFile("/etc/motd", "managed by dpuplane", "644", ConfigFileOperation.APPEND),
                new ConfigFile("/usr/local/bin/hook", "#!/bin/sh\necho hi", "0755", ConfigFileOperation.OVERRIDE)),
                "maxPods: 50", null));
        assertThat(text).contains("cat >> '/mnt/etc/motd' <<'DPUPLANE_EOF'\nmanaged by dpuplane\nDPUPLANE_EOF\n  chmod 0644 '/mnt/etc/motd'")
                .contains("cat > '/mnt/usr/local/bin/hook' <<'DPUPLANE_EOF'\n#!/bin/sh\necho hi\nDPUPLANE_EOF\n  chmod 0755")
                .contains("cat > '/mnt/etc/dpuplane/kubelet-config.yaml' <<'DPUPLANE_EOF'\nmaxPods: 50\nDPUPLANE_EOF");
    }

    @Test
    void theJoinComesLastWithTheNamesTheDpuReads() {
        String text = BfCfgRenderer.render("fleet/hbn", empty(), Optional.of(new BfCfgRenderer.Join("host1-0000-03-00-0",
                "https://10.0.0.1:6443", "Y2E=", "abcdef.0123456789abcdef"))).text();
        assertThat(text).endsWith("\n# DPU cluster join\nDPUPLANE_NODE_NAME=host1-0000-03-00-0\nDPUPLANE_API_SERVER=https://10.0.0.1:6443\n"
                + "DPUPLANE_CA_CERT_B64=Y2E=\nDPUPLANE_BOOTSTRAP_TOKEN=abcdef.0123456789abcdef\n");
    }

    @Test
    void renderingIsDeterministic() {
        DPUFlavorParameters flavor = new DPUFlavorParameters(new Grub(List.of("a=1")), new Sysctl(List.of("b=2")), null,
                null, null, null, null, "x: 1", List.of("C=3"));
        assertThat(render(flavor)).isEqualTo(render(flavor));
    }

    @Test
    void contentThatWouldEndTheHeredocIsRefused() {
        assertThatThrownBy(() -> render(new DPUFlavorParameters(null, null, null, null, null, null,
                List.of(new ConfigFile("/etc/x", "a\nDPUPLANE_EOF\nb", null, null)), null, null)))
                .hasMessageContaining("/etc/x").hasMessageContaining("DPUPLANE_EOF");
    }

    @Test
    void aFlavorOverTheInstallerLimitDoesNotFit() {
        String big = "x".repeat(BfCfgRenderer.MAX_BYTES);
        assertThat(BfCfgRenderer.render("f", new DPUFlavorParameters(null, null, null, null, null, null,
                List.of(new ConfigFile("/etc/big", big, null, null)), null, null), Optional.empty()).fits()).isFalse();
        assertThat(BfCfgRenderer.render("f", empty(), Optional.empty()).fits()).isTrue();
    }
}
