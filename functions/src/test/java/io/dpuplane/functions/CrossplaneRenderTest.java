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

    /** An example: an XR, with its observed resources if it has any, composed by its composition. */
    record Example(Path xr) {

        /** The composite's folder name, e.g. dpuset: compositions/examples/dpuset/... */
        String composite() {
            return COMPOSITIONS.resolve("examples").relativize(xr).getName(0).toString();
        }

        Path examples() {
            return COMPOSITIONS.resolve("examples").resolve(composite());
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
                COMPOSITIONS.resolve(example.composite()).resolve("composition.yaml").toString(),
                example.examples().resolve("functions.yaml").toString(),
                "--function-annotations=render.crossplane.io/runtime-development-target=127.0.0.1:" + port));
        Path required = example.examples().resolve("required-resources");
        if (Files.isDirectory(required)) {
            args.add("--required-resources=" + required);
        }
        if (Files.isRegularFile(example.observed())) {
            args.add("--observed-resources=" + example.observed());
        }
        args.addAll(List.of(extra));
        Command.Result result = CLI.run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as("crossplane render %s: %s", example, result.stderr()).isZero();
        return result;
    }

    private Command.Result validate(String resources) {
        String extensions = String.join(",", ProjectLayout.crdsDir().toString(),
                COMPOSITIONS.resolve("dpuset/xrd.yaml").toString(),
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
        assertThat(ofKind(documents(rendered), "DPU")).isNotEmpty();

        Path output = Files.writeString(dir.resolve("rendered.yaml"), rendered);
        Command.Result result = validate(output.toString());
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        assertThat(result.stdout()).contains("0 missing schemas").contains("0 failure cases");
    }

    @Test
    void theEdgeExampleComposesOneDpuForEachBlueField3OfTheEdgeHosts() throws IOException {
        List<JsonNode> rendered = documents(render(new Example(COMPOSITIONS.resolve("examples/dpuset/xr.yaml")),
                "--include-function-results").stdout());

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
        List<JsonNode> rendered = documents(render(new Example(COMPOSITIONS.resolve(
                "examples/dpuset/rolling-update/xr.yaml")), "--include-function-results").stdout());

        assertThat(ofKind(rendered, "DPU")).extracting(d -> d.path("spec").path("forProvider").path("bfbRef")
                .path("name").asText()).containsExactly("bf-bundle-2.10.0", "bf-bundle-2.10.0", "bf-bundle-2.9.1",
                "bf-bundle-2.9.1");
        assertThat(ofKind(rendered, "Result")).extracting(r -> r.path("message").asText()).containsExactly(
                "rolling 4 DPUs to BFB bf-bundle-2.10.0 with flavor standard, at most 2 unavailable at a time");
    }

    @Test
    void everyExampleTheCompositionAndTheXrdValidate() {
        Command.Result result = validate(COMPOSITIONS.toString());

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        assertThat(result.stdout()).contains("0 missing schemas").contains("0 failure cases")
                .contains("Kind=Composition, dpuset validated successfully")
                .contains("Kind=DPUSet, edge validated successfully");
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
}
