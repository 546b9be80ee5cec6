package io.dpuplane.apis;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks every CRD the build generated: what kubectl users, Crossplane and the API server rely on. */
class GeneratedCrdsTest {

    /** What an API kind is, which decides what its CRD must look like. */
    private enum Family { MANAGED, PROVIDER_CONFIG, USAGE, INVENTORY, SFC }

    private record Expected(String group, Family family, String scope) {
    }

    private static final Map<String, Expected> KINDS = Map.ofEntries(
            Map.entry("ProviderConfig", new Expected("dpuplane.io", Family.PROVIDER_CONFIG, "Namespaced")),
            Map.entry("ClusterProviderConfig", new Expected("dpuplane.io", Family.PROVIDER_CONFIG, "Cluster")),
            Map.entry("ProviderConfigUsage", new Expected("dpuplane.io", Family.USAGE, "Namespaced")),
            Map.entry("ClusterProviderConfigUsage", new Expected("dpuplane.io", Family.USAGE, "Cluster")),
            Map.entry("BFB", new Expected("provisioning.dpuplane.io", Family.MANAGED, "Namespaced")),
            Map.entry("DPUFlavor", new Expected("provisioning.dpuplane.io", Family.MANAGED, "Namespaced")),
            Map.entry("DPU", new Expected("provisioning.dpuplane.io", Family.MANAGED, "Namespaced")),
            Map.entry("DPUCluster", new Expected("provisioning.dpuplane.io", Family.MANAGED, "Namespaced")),
            Map.entry("DPUNode", new Expected("provisioning.dpuplane.io", Family.INVENTORY, "Namespaced")),
            Map.entry("DPUDevice", new Expected("provisioning.dpuplane.io", Family.INVENTORY, "Namespaced")),
            Map.entry("DPUService", new Expected("svc.dpuplane.io", Family.MANAGED, "Namespaced")),
            Map.entry("DPUServiceInterface", new Expected("svc.dpuplane.io", Family.MANAGED, "Namespaced")),
            Map.entry("DPUServiceChain", new Expected("svc.dpuplane.io", Family.MANAGED, "Namespaced")),
            Map.entry("DPUServiceIPAM", new Expected("svc.dpuplane.io", Family.MANAGED, "Namespaced")),
            Map.entry("ServiceInterface", new Expected("sfc.dpuplane.io", Family.SFC, "Namespaced")),
            Map.entry("ServiceChain", new Expected("sfc.dpuplane.io", Family.SFC, "Namespaced")),
            Map.entry("IPPool", new Expected("sfc.dpuplane.io", Family.SFC, "Namespaced")));

    private static Map<String, CustomResourceDefinition> crds;

    @BeforeAll
    static void readGeneratedCrds() throws IOException {
        Path dir = Path.of(System.getProperty("dpuplane.crds.dir"));
        crds = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    CustomResourceDefinition crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
                    crds.put(crd.getSpec().getNames().getKind(), crd);
                }
            }
        }
        assertThat(crds).as("CRDs generated into %s", dir).isNotEmpty();
    }

    private static List<CustomResourceDefinition> family(Family family) {
        return KINDS.entrySet().stream().filter(e -> e.getValue().family() == family)
                .map(e -> crds.get(e.getKey())).toList();
    }

    private static CustomResourceDefinitionVersion version(CustomResourceDefinition crd) {
        assertThat(crd.getSpec().getVersions()).as(name(crd)).hasSize(1);
        return crd.getSpec().getVersions().get(0);
    }

    private static JSONSchemaProps root(CustomResourceDefinition crd) {
        return version(crd).getSchema().getOpenAPIV3Schema();
    }

    private static JSONSchemaProps at(CustomResourceDefinition crd, String... path) {
        JSONSchemaProps schema = root(crd);
        for (String property : path) {
            schema = "array".equals(schema.getType())
                    ? schema.getItems().getSchema().getProperties().get(property)
                    : schema.getProperties().get(property);
            assertThat(schema).as("%s has %s", name(crd), String.join(".", path)).isNotNull();
        }
        return schema;
    }

    private static Map<String, String> columns(CustomResourceDefinition crd) {
        return version(crd).getAdditionalPrinterColumns().stream()
                .collect(Collectors.toMap(CustomResourceColumnDefinition::getName,
                        CustomResourceColumnDefinition::getJsonPath));
    }

    private static List<ValidationRule> rules(JSONSchemaProps schema) {
        return schema.getXKubernetesValidations() == null ? List.of() : schema.getXKubernetesValidations();
    }

    private static String name(CustomResourceDefinition crd) {
        return crd.getMetadata().getName();
    }

    /** Visits every schema node of a CRD with its path, e.g. {@code .spec.forProvider.cidr}. */
    private static void walk(String path, JSONSchemaProps schema, BiConsumer<String, JSONSchemaProps> visitor) {
        visitor.accept(path, schema);
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((key, child) -> walk(path + "." + key, child, visitor));
        }
        if (schema.getItems() != null && schema.getItems().getSchema() != null) {
            walk(path + "[]", schema.getItems().getSchema(), visitor);
        }
        if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null) {
            walk(path + "{}", schema.getAdditionalProperties().getSchema(), visitor);
        }
    }

    @Test
    void everyDesignedKindIsGeneratedInItsGroupAndScopeAndNothingElse() {
        assertThat(crds.keySet()).containsExactlyInAnyOrderElementsOf(KINDS.keySet());
        KINDS.forEach((kind, expected) -> {
            CustomResourceDefinition crd = crds.get(kind);
            assertThat(crd.getSpec().getGroup()).as(kind).isEqualTo(expected.group());
            assertThat(crd.getSpec().getScope()).as(kind).isEqualTo(expected.scope());
            assertThat(version(crd).getName()).as(kind).isEqualTo("v1alpha1");
            assertThat(crd.getSpec().getNames().getPlural()).as(kind).isEqualTo(kind.toLowerCase() + "s");
        });
    }

    @Test
    void everyKindIsListedByKubectlGetDpuplaneWithAnAgeColumn() {
        for (CustomResourceDefinition crd : crds.values()) {
            assertThat(crd.getSpec().getNames().getCategories()).as(name(crd)).contains("dpuplane");
            assertThat(columns(crd)).as(name(crd)).containsEntry("AGE", ".metadata.creationTimestamp");
        }
    }

    @Test
    void kubectlGetShowsReadyAndSyncedFirstAndAgeLastAsCrossplaneDoes() {
        for (CustomResourceDefinition crd : family(Family.MANAGED)) {
            List<String> names = version(crd).getAdditionalPrinterColumns().stream()
                    .map(CustomResourceColumnDefinition::getName).toList();
            assertThat(names).as(name(crd)).startsWith("READY", "SYNCED").endsWith("AGE");
        }
    }

    @Test
    void managedResourcesCarryTheCrossplaneContract() {
        for (CustomResourceDefinition crd : family(Family.MANAGED)) {
            assertThat(crd.getSpec().getNames().getCategories()).as(name(crd))
                    .containsExactly("dpuplane", "crossplane", "managed");
            assertThat(crd.getSpec().getNames().getShortNames()).as(name(crd)).isNotEmpty();
            assertThat(columns(crd)).as(name(crd))
                    .containsEntry("READY", ".status.conditions[?(@.type=='Ready')].status")
                    .containsEntry("SYNCED", ".status.conditions[?(@.type=='Synced')].status");
            assertThat(version(crd).getSubresources().getStatus()).as("status subresource").isNotNull();
            assertThat(root(crd).getRequired()).as(name(crd)).containsExactly("spec");
            JSONSchemaProps spec = at(crd, "spec");
            assertThat(spec.getRequired()).as(name(crd)).containsExactly("forProvider");
            assertThat(spec.getProperties().get("providerConfigRef").getDefault().toString())
                    .contains("ClusterProviderConfig").contains("default");
            assertThat(spec.getProperties().get("managementPolicies").getDefault().toString()).contains("*");
            assertThat(at(crd, "spec", "writeConnectionSecretToRef", "name")).isNotNull();
            assertThat(at(crd, "status").getProperties())
                    .as(name(crd)).containsKeys("atProvider", "conditions", "observedGeneration");
        }
    }

    @Test
    void providerConfigsHaveCrossplanesKindNamesAndCountTheirUsers() {
        for (CustomResourceDefinition crd : family(Family.PROVIDER_CONFIG)) {
            assertThat(crd.getSpec().getNames().getCategories()).as(name(crd))
                    .containsExactly("dpuplane", "crossplane", "providerconfig");
            assertThat(columns(crd)).as(name(crd)).containsEntry("USERS", ".status.users")
                    .doesNotContainKeys("READY", "SYNCED");
            assertThat(at(crd, "status", "users").getType()).isEqualTo("integer");
            assertThat(at(crd, "status", "conditions").getType()).isEqualTo("array");
            assertThat(version(crd).getSubresources().getStatus()).as("status subresource").isNotNull();
            assertThat(at(crd, "spec").getRequired()).containsExactly("agent");
            assertThat(at(crd, "spec", "maxParallelInstalls").getDefault().asInt()).isEqualTo(10);
            assertThat(at(crd, "spec", "maxParallelInstalls").getMinimum()).isEqualTo(1.0);
            assertThat(at(crd, "spec", "agent", "port").getDefault().asInt()).isEqualTo(8443);
        }
        assertThat(rules(at(crds.get("ProviderConfig"), "spec"))).extracting(ValidationRule::getRule)
                .containsExactly("!has(self.agent.tlsSecretRef) || !has(self.agent.tlsSecretRef.namespace)");
        assertThat(rules(at(crds.get("ClusterProviderConfig"), "spec"))).extracting(ValidationRule::getRule)
                .containsExactly("!has(self.agent.tlsSecretRef) || has(self.agent.tlsSecretRef.namespace)");
    }

    @Test
    void usagesKeepCrossplanesLayoutWithTheReferencesAtTheTopAndNoSpec() {
        for (CustomResourceDefinition crd : family(Family.USAGE)) {
            assertThat(crd.getSpec().getNames().getCategories()).as(name(crd))
                    .containsExactly("dpuplane", "crossplane", "providerconfig");
            assertThat(columns(crd)).as(name(crd)).isEqualTo(Map.of(
                    "CONFIG-NAME", ".providerConfigRef.name",
                    "RESOURCE-KIND", ".resourceRef.kind",
                    "RESOURCE-NAME", ".resourceRef.name",
                    "AGE", ".metadata.creationTimestamp"));
            assertThat(root(crd).getProperties()).as(name(crd)).containsOnlyKeys("providerConfigRef", "resourceRef");
            assertThat(root(crd).getRequired()).containsExactlyInAnyOrder("providerConfigRef", "resourceRef");
            assertThat(at(crd, "resourceRef").getRequired()).containsExactlyInAnyOrder("apiVersion", "kind", "name");
            assertThat(at(crd, "resourceRef").getProperties()).containsKey("uid");
            assertThat(at(crd, "providerConfigRef").getRequired()).containsExactlyInAnyOrder("kind", "name");
            assertThat(version(crd).getSubresources()).as("no status").isNull();
        }
    }

    @Test
    void inventoryIsWrittenByTheAgentSoItHasNoReconcileColumnsOrForProvider() {
        for (CustomResourceDefinition crd : family(Family.INVENTORY)) {
            assertThat(crd.getSpec().getNames().getCategories()).as(name(crd)).containsExactly("dpuplane", "inventory");
            assertThat(crd.getSpec().getNames().getShortNames()).as(name(crd)).isNotEmpty();
            assertThat(columns(crd)).as(name(crd)).doesNotContainKeys("READY", "SYNCED");
            assertThat(at(crd, "spec").getProperties()).as(name(crd)).doesNotContainKey("forProvider");
            assertThat(root(crd).getRequired()).as(name(crd)).containsExactly("spec");
            assertThat(version(crd).getSubresources().getStatus()).as("status subresource").isNotNull();
        }
        CustomResourceDefinition device = crds.get("DPUDevice");
        assertThat(columns(device)).containsEntry("NODE", ".spec.nodeName").containsEntry("PCI", ".spec.pciAddress")
                .containsEntry("MODEL", ".spec.model").containsEntry("SERIAL", ".spec.serialNumber");
        assertThat(at(device, "spec", "model").getEnum()).extracting(node -> node.asText())
                .containsExactly("BlueField-2", "BlueField-3");
        assertThat(columns(crds.get("DPUNode"))).containsEntry("HEARTBEAT", ".status.lastHeartbeatTime");
    }

    @Test
    void sfcObjectsBelongToOneNodeAndShowWhetherTheAgentProgrammedThem() {
        for (CustomResourceDefinition crd : family(Family.SFC)) {
            assertThat(crd.getSpec().getNames().getCategories()).as(name(crd)).containsExactly("dpuplane", "sfc");
            assertThat(crd.getSpec().getNames().getShortNames()).as(name(crd)).isNotEmpty();
            assertThat(columns(crd)).as(name(crd)).containsEntry("NODE", ".spec.node")
                    .containsEntry("PROGRAMMED", ".status.conditions[?(@.type=='Programmed')].status")
                    .doesNotContainKeys("READY", "SYNCED");
            assertThat(at(crd, "spec").getRequired()).as(name(crd)).contains("node");
            List<ValidationRule> nodeRules = new ArrayList<>(rules(at(crd, "spec")));
            nodeRules.addAll(rules(at(crd, "spec", "node")));
            assertThat(nodeRules).as(name(crd)).anySatisfy(rule -> {
                assertThat(rule.getRule()).contains("oldSelf");
                assertThat(rule.getMessage()).startsWith("node is immutable");
            });
            assertThat(at(crd, "status").getProperties()).containsKeys("conditions", "observedGeneration");
            assertThat(version(crd).getSubresources().getStatus()).as("status subresource").isNotNull();
        }
    }

    @Test
    void dpuFlavorParametersCanNeverChange() {
        assertThat(rules(at(crds.get("DPUFlavor"), "spec", "forProvider"))).anySatisfy(rule -> {
            assertThat(rule.getRule()).isEqualTo("self == oldSelf");
            assertThat(rule.getMessage()).isEqualTo("DPUFlavor spec is immutable: create a new flavor");
        });
        assertThat(rules(at(crds.get("DPUFlavor"), "spec"))).as("only forProvider is frozen").isEmpty();
    }

    @Test
    void dpuStandsForOneCardInOneClusterAndShowsItsPhase() {
        CustomResourceDefinition dpu = crds.get("DPU");
        assertThat(rules(at(dpu, "spec", "forProvider"))).extracting(ValidationRule::getMessage)
                .contains("set exactly one of pciAddress or deviceRef to name the card",
                        "hostNode is immutable: a DPU stands for one physical card",
                        "the card (pciAddress or deviceRef) is immutable: create a new DPU for another card",
                        "dpuClusterRef is immutable: recreate the DPU to move it to another DPU cluster");
        assertThat(at(dpu, "spec", "forProvider", "nodeEffect").getDefault().toString()).isEqualTo("{\"drain\":{}}");
        assertThat(at(dpu, "status", "atProvider", "phase").getEnum()).extracting(node -> node.asText())
                .containsExactlyInAnyOrder("Initializing", "NodeEffect", "Pending", "OSInstalling", "Rebooting",
                        "HostNetworkConfiguration", "DPUClusterConfig", "Ready", "Error", "Deleting");
        assertThat(columns(dpu)).containsEntry("PHASE", ".status.atProvider.phase")
                .containsEntry("NODE", ".spec.forProvider.hostNode")
                .containsEntry("BFB", ".status.atProvider.bfbVersion")
                .containsEntry("PROGRESS", ".status.atProvider.install.percent");
    }

    @Test
    void ipPoolsCheckCidrSyntaxAndBlockSizeOnBothSidesOfTheMirror() {
        for (JSONSchemaProps pool : List.of(at(crds.get("DPUServiceIPAM"), "spec", "forProvider"),
                at(crds.get("IPPool"), "spec"))) {
            assertThat(rules(pool)).anySatisfy(rule -> {
                assertThat(rule.getRule()).isEqualTo("isCIDR(self.cidr)");
                assertThat(rule.getFieldPath()).isEqualTo(".cidr");
                assertThat(rule.getMessage()).startsWith("cidr must be a CIDR");
            });
            assertThat(rules(pool)).extracting(ValidationRule::getFieldPath)
                    .contains(".cidr", ".exclusions")
                    .containsAnyOf(".perNodeBlockSize", ".blockSize");
            assertThat(pool.getProperties().get("cidr").getMaxLength()).as("bounds CEL cost").isEqualTo(43);
            assertThat(pool.getProperties().get("exclusions").getItems().getSchema().getMaxLength()).isEqualTo(43);
        }
    }

    @Test
    void interfaceTypeDecidesWhichDetailsAreSetOnBothSidesOfTheMirror() {
        for (JSONSchemaProps definition : List.of(at(crds.get("DPUServiceInterface"), "spec", "forProvider"),
                at(crds.get("ServiceInterface"), "spec"))) {
            assertThat(definition.getProperties().get("interfaceType").getEnum()).extracting(node -> node.asText())
                    .containsExactlyInAnyOrder("vf", "pf", "physical", "service", "ovn");
            assertThat(rules(definition)).extracting(ValidationRule::getRule).contains(
                    "has(self.vf) == (self.interfaceType == 'vf')",
                    "has(self.pf) == (self.interfaceType == 'pf')",
                    "has(self.physical) == (self.interfaceType == 'physical')",
                    "has(self.service) == (self.interfaceType == 'service')");
        }
    }

    @Test
    void helmValuesAcceptAnyYamlObject() {
        JSONSchemaProps values = at(crds.get("DPUService"), "spec", "forProvider", "values");
        assertThat(values.getType()).isEqualTo("object");
        assertThat(values.getXKubernetesPreserveUnknownFields()).isTrue();
        assertThat(values.getAdditionalProperties()).as("values of any type, not only objects").isNull();
        assertThat(at(crds.get("DPUService"), "spec", "forProvider", "backend").getDefault().asText())
                .isEqualTo("Helm");
    }

    @Test
    void noValidationRuleIsEmittedTwiceOnOneField() {
        for (CustomResourceDefinition crd : crds.values()) {
            walk("", root(crd), (path, schema) -> {
                List<String> seen = rules(schema).stream().map(ValidationRule::getRule).toList();
                assertThat(new HashSet<>(seen)).as("%s%s", name(crd), path).hasSameSizeAs(seen);
            });
        }
    }

    @Test
    void everyFieldIsDescribedForKubectlExplain() {
        for (CustomResourceDefinition crd : crds.values()) {
            walk("", root(crd), (path, schema) -> {
                if (schema.getProperties() == null || isLabelSelector(schema)) {
                    return;
                }
                schema.getProperties().forEach((key, child) -> {
                    if (!isLabelSelectorPart(path) && !(path.isEmpty() && Set.of("spec", "status").contains(key))) {
                        assertThat(child.getDescription()).as("%s%s.%s", name(crd), path, key).isNotBlank();
                    }
                });
            });
        }
    }

    private static boolean isLabelSelector(JSONSchemaProps schema) {
        return schema.getProperties().keySet().equals(Set.of("matchExpressions", "matchLabels"));
    }

    private static boolean isLabelSelectorPart(String path) {
        return path.contains(".matchExpressions");
    }

    @Test
    void everyPrinterColumnPointsAtAFieldTheSchemaHas() {
        for (CustomResourceDefinition crd : crds.values()) {
            for (CustomResourceColumnDefinition column : version(crd).getAdditionalPrinterColumns()) {
                String path = column.getJsonPath().replaceAll("\\[\\?\\(@[^]]*\\)]", "");
                if (path.startsWith(".metadata.")) {
                    continue;
                }
                assertThat(at(crd, path.substring(1).split("\\."))).as("%s column %s", name(crd), column.getName())
                        .isNotNull();
            }
        }
    }
}
