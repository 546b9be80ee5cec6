package io.dpuplane.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dpuplane.testkit.ProjectLayout;
import io.dpuplane.testkit.crossplane.CrossplaneCli;
import io.dpuplane.testkit.os.Command;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real Crossplane CLI against the running function: {@code crossplane render} of every example in
 * {@code compositions/examples} (Development runtime, plain text, as {@code --insecure}), and
 * {@code crossplane beta validate} of every example, the compositions and the rendered output against the
 * generated CRDs, the XRDs and the function's input CRD.
 */
@QuarkusTest
class CrossplaneRenderTest {

    private static final CrossplaneCli CLI = CrossplaneCli.pinned();
    private static final Path COMPOSITIONS = ProjectLayout.root().resolve("compositions");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @ConfigProperty(name = "quarkus.grpc.server.test-port")
    int port;

    /**
     * An example: an XR (any {@code xr.yaml} under {@code compositions/examples}), with its observed resources
     * if it has any, composed by the composition of its kind ({@code compositions/<kind>/composition.yaml}),
     * against the shared inventory ({@code examples/inventory}) and {@code examples/functions.yaml}.
     */
    record Example(Path xr) {

        String kind() {
            try {
                return documents(Files.readString(xr)).get(0).path("kind").asText();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        Path composition() {
            return COMPOSITIONS.resolve(kind().toLowerCase(java.util.Locale.ROOT)).resolve("composition.yaml");
        }

        Path observed() {
            return xr.resolveSibling("observed-resources.yaml");
        }

        @Override
        public String toString() {
            return COMPOSITIONS.relativize(xr).toString();
        }
    }

    static Stream<Example> examples() throws IOException {
        try (Stream<Path> files = Files.walk(COMPOSITIONS.resolve("examples"))) {
            List<Example> examples = files.filter(f -> f.getFileName().toString().equals("xr.yaml")).sorted()
                    .map(Example::new).toList();
            assertThat(examples).as("examples in %s", COMPOSITIONS.resolve("examples")).isNotEmpty();
            return examples.stream();
        }
    }

    private Command.Result render(Example example, String... extra) {
        List<String> args = new ArrayList<>(List.of("render", example.xr().toString(),
                example.composition().toString(), COMPOSITIONS.resolve("examples/functions.yaml").toString(),
                "--function-annotations=render.crossplane.io/runtime-development-target=127.0.0.1:" + port,
                "--required-resources=" + COMPOSITIONS.resolve("examples/inventory")));
        if (Files.isRegularFile(example.observed())) {
            args.add("--observed-resources=" + example.observed());
        }
        args.addAll(List.of(extra));
        Command.Result result = CLI.run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as("crossplane render %s: %s", example, result.stderr()).isZero();
        return result;
    }

    private List<JsonNode> rendered(String example, String... extra) throws IOException {
        return documents(render(new Example(COMPOSITIONS.resolve(example)), extra).stdout());
    }

    private Command.Result validate(String resources) {
        String extensions = String.join(",", ProjectLayout.crdsDir().toString(),
                COMPOSITIONS.resolve("dpuset/xrd.yaml").toString(),
                COMPOSITIONS.resolve("dpudeployment/xrd.yaml").toString(),
                COMPOSITIONS.resolve("dpunetwork/xrd.yaml").toString(),
                Path.of("src", "test", "resources", "crds").toAbsolutePath().toString(),
                Path.of("target", "input").toAbsolutePath().toString());
        return CLI.run("beta", "validate", extensions, resources, "--cache-dir", CLI.validateCache().toString());
    }

    private static List<JsonNode> documents(String yaml) throws IOException {
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            return values.readAll().stream().filter(d -> d != null && !d.isEmpty()).toList();
        }
    }

    private static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleRendersAgainstTheRunningFunctionAndItsOutputValidates(Example example, @TempDir Path dir)
            throws IOException {
        String rendered = render(example, "--include-full-xr").stdout();
        assertThat(documents(rendered)).as("%s composes something besides the XR", example).hasSizeGreaterThan(1);

        Path output = Files.writeString(dir.resolve("rendered.yaml"), rendered);
        Command.Result result = validate(output.toString());
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        assertThat(result.stdout()).contains("0 missing schemas").contains("0 failure cases");
    }

    @Test
    void theEdgeExampleComposesOneDpuForEachBlueField3OfTheEdgeHosts() throws IOException {
        List<JsonNode> rendered = rendered("examples/dpuset/xr.yaml", "--include-function-results");

        assertThat(ofKind(rendered, "DPU")).extracting(d -> d.path("metadata").path("name").asText())
                .containsExactly("edge-worker-1-03-00-0", "edge-worker-2-03-00-0", "edge-worker-3-03-00-0",
                        "edge-worker-4-03-00-0");
        JsonNode status = ofKind(rendered, "DPUSet").get(0).path("status");
        assertThat(status.path("desired").asInt()).isEqualTo(4);
        assertThat(status.path("provisioning").asInt()).isEqualTo(4);
        assertThat(status.path("conditions").findValuesAsText("type")).contains("Ready", "DPUsReady", "DPUsUpdated");
    }

    @Test
    void theRollingUpdateExampleReplacesTwoDpusAndKeepsTwoOnTheOldBfb() throws IOException {
        List<JsonNode> rendered = rendered("examples/dpuset/rolling-update/xr.yaml", "--include-function-results");

        assertThat(ofKind(rendered, "DPU")).extracting(d -> d.path("spec").path("forProvider").path("bfbRef")
                .path("name").asText()).containsExactly("bf-bundle-2.10.0", "bf-bundle-2.10.0", "bf-bundle-2.9.1",
                "bf-bundle-2.9.1");
        assertThat(ofKind(rendered, "Result")).extracting(r -> r.path("message").asText()).containsExactly(
                "rolling 4 DPUs to BFB bf-bundle-2.10.0 with flavor standard, at most 2 unavailable at a time");
    }

    @Test
    void theEdgeDeploymentComposesItsDpusTheFirewallReleaseItsInterfacesThePoolAndTheChain() throws IOException {
        List<JsonNode> rendered = rendered("examples/dpudeployment/xr.yaml");

        assertThat(ofKind(rendered, "DPU")).hasSize(4).allSatisfy(dpu -> assertThat(dpu.path("spec")
                .path("forProvider").path("clusterNodeLabels").fieldNames()).toIterable().containsExactlyInAnyOrder(
                "dpudeployment.dpuplane.io/edge", "version.dpudeployment.dpuplane.io/edge-firewall"));
        JsonNode release = ofKind(rendered, "DPUService").get(0).path("spec").path("forProvider");
        String revision = release.path("nodeSelector").path("version.dpudeployment.dpuplane.io/edge-firewall")
                .asText();
        assertThat(revision).hasSize(8);
        assertThat(ofKind(rendered, "DPU")).allSatisfy(dpu -> assertThat(dpu.at("/spec/forProvider/clusterNodeLabels")
                .path("version.dpudeployment.dpuplane.io/edge-firewall").asText()).isEqualTo(revision));
        assertThat(release.at("/values/serviceDaemonSet/labels/svc.dpuplane.io~1service").asText())
                .isEqualTo("edge-firewall");
        assertThat(ofKind(rendered, "DPUServiceInterface")).extracting(i -> i.at("/metadata/name").asText())
                .containsExactlyInAnyOrder("edge-firewall-in", "edge-firewall-out", "edge-p0", "edge-pf0");
        assertThat(ofKind(rendered, "DPUServiceChain").get(0).at("/spec/forProvider/switches").findValuesAsText("name"))
                .containsExactly("edge-p0", "edge-firewall-in", "edge-firewall", "edge-firewall-out", "edge-pf0");
        assertThat(ofKind(rendered, "DPUServiceIPAM")).extracting(i -> i.at("/spec/forProvider/cidr").asText())
                .containsExactly("10.100.0.0/16");
    }

    @Test
    void theServiceRolloutExampleMovesTwoDpusToTheNewReleaseAndKeepsTheOldOneForTheOtherTwo() throws IOException {
        List<JsonNode> rendered = rendered("examples/dpudeployment/service-rollout/xr.yaml",
                "--include-function-results");

        assertThat(ofKind(rendered, "DPUService")).extracting(s -> s.at("/spec/forProvider/version").asText())
                .containsExactlyInAnyOrder("1.0.0", "1.1.0");
        JsonNode services = ofKind(rendered, "DPUDeployment").get(0).at("/status/services/0");
        assertThat(services.path("version").asText()).isEqualTo("1.1.0");
        assertThat(services.path("revisions")).extracting(r -> r.path("version").asText() + " on "
                + r.path("dpus").asInt()).containsExactly("1.1.0 on 2", "1.0.0 on 2");
        assertThat(ofKind(rendered, "DPU")).extracting(d -> d.at("/spec/forProvider/clusterNodeLabels")
                .path("version.dpudeployment.dpuplane.io/edge-firewall").asText())
                .containsExactly(services.path("revision").asText(), services.path("revision").asText(), "3400a24d",
                        "3400a24d");
        assertThat(ofKind(rendered, "Result")).extracting(r -> r.path("message").asText()).contains(
                "rolling firewall from revision 3400a24d to " + services.path("revision").asText()
                        + " (1.1.0), DPU by DPU");
    }

    @Test
    void theDeveloperNetworkChainsThePodsVfsThroughTheFirewallToTheUplinkAndGivesThemAnAttachment()
            throws IOException {
        List<JsonNode> rendered = rendered("examples/dpunetwork/xr.yaml");

        JsonNode switches = ofKind(rendered, "DPUServiceChain").get(0).at("/spec/forProvider/switches");
        assertThat(switches.get(0).at("/ports/0/interfaceSelector/matchLabels/platform.dpuplane.io~1side").asText())
                .isEqualTo("host");
        assertThat(switches.get(0).at("/ports/1/service/interfaceName").asText()).isEqualTo("net1");
        assertThat(switches.get(1).at("/ports/0/service/interfaceName").asText()).isEqualTo("net2");
        assertThat(switches.get(1).at("/ports/1/interfaceRef/name").asText()).isEqualTo("payments-uplink");
        assertThat(ofKind(rendered, "DPUServiceInterface")).hasSize(5);
        JsonNode attachment = ofKind(rendered, "NetworkAttachmentDefinition").get(0);
        assertThat(attachment.at("/metadata/annotations/k8s.v1.cni.cncf.io~1resourceName").asText())
                .isEqualTo("nvidia.com/bf3_vf");
        assertThat(YAML.readTree(attachment.at("/spec/config").asText()).at("/ipam/poolName").asText())
                .isEqualTo("payments");
    }

    @Test
    void everyExampleTheCompositionsAndTheXrdsValidate() throws IOException {
        Command.Result result = validate(String.join(",", manifests()));

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        assertThat(result.stdout()).contains("0 missing schemas").contains("0 failure cases")
                .contains("Kind=Composition, dpuset validated successfully")
                .contains("Kind=Composition, dpudeployment validated successfully")
                .contains("Kind=Composition, dpunetwork validated successfully")
                .contains("Kind=DPUSet, edge validated successfully")
                .contains("Kind=DPUDeployment, edge validated successfully")
                .contains("Kind=DPUDeployment, quickstart validated successfully")
                .contains("Kind=DPUDeployment, ovn validated successfully")
                .contains("Kind=DPUDeployment, hbn validated successfully")
                .contains("Kind=DPUNetwork, payments validated successfully");
    }

    /** Every manifest under compositions/, leaving out Helm charts (templates are not manifests). */
    private static List<String> manifests() throws IOException {
        try (Stream<Path> files = Files.walk(COMPOSITIONS)) {
            return files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> !COMPOSITIONS.relativize(f).toString().contains("charts/"))
                    .sorted().map(Path::toString).toList();
        }
    }

    @Test
    void theXrdRejectsADPUSetThatCannotWork(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                apiVersion: platform.dpuplane.io/v1alpha1
                kind: DPUSet
                metadata: {name: broken, namespace: dpu-fleet}
                spec:
                  flavorRef: {name: standard}
                  dpuClusterRef: {name: edge}
                  nodeEffect: {none: true, drain: {}}
                  rollingUpdate: {maxUnavailable: "0%"}
                  dpuSelector: {models: [BlueField-4]}
                """);

        Command.Result result = validate(bad.toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stdout()).contains("spec.bfbRef: Required value")
                .contains("nodeEffect must set exactly one of none: true, taint, label or drain")
                .contains("maxUnavailable must be a number of at least 1 or a percentage from 1% to 100%")
                .contains("BlueField-4");
    }

    @Test
    void theXrdRejectsADPUDeploymentThatCannotWork(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                apiVersion: platform.dpuplane.io/v1alpha1
                kind: DPUDeployment
                metadata: {name: broken, namespace: dpu-fleet}
                spec:
                  dpus:
                    bfbRef: {name: bf-bundle-2.9.1}
                    flavorRef: {name: standard}
                    dpuClusterRef: {name: edge}
                  services:
                    a-network-function-with-a-very-long-name:
                      source: {repoURL: https://charts.example, oci: oci://ghcr.io/example}
                      chart: fw
                  interfaces:
                    p0: {interfaceType: physical}
                  chain:
                    switches:
                    - ports:
                      - interface: p0
                        service: {name: fw, interface: in}
                      - interface: p0
                  ipam:
                    pool: {cidr: 10.0.0.0/33, perNodeBlockSize: 24}
                """);

        Command.Result result = validate(bad.toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stdout()).contains("service names are DNS labels of at most 28 characters")
                .contains("source sets exactly one of repoURL or oci")
                .contains("set the details of exactly the interfaceType")
                .contains("a port sets exactly one of interface or service")
                .contains("cidr must be a CIDR");
    }
}
