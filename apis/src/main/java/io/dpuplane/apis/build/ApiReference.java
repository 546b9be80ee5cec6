package io.dpuplane.apis.build;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Build step after {@link CrdGeneration}: writes {@code docs/api-reference.md} from the generated CRDs, one
 * section per kind with its columns and every field of spec and status (type, required, description), so the
 * reference can never disagree with what the API server enforces.
 */
public final class ApiReference {

    private static final Set<String> SKIPPED = Set.of("apiVersion", "kind", "metadata");

    private ApiReference() {
    }

    /**
     * Arguments: the directory of generated CRDs, the markdown file to write, and optionally the compositions
     * directory whose composites (each sub-directory's xrd.yaml) are documented too.
     */
    public static void main(String[] args) throws IOException {
        Path crds = Path.of(args[0]);
        Path output = Path.of(args[1]);
        List<CustomResourceDefinition> definitions = load(crds);
        if (args.length > 2) {
            definitions.addAll(0, composites(Path.of(args[2])));
        }
        StringBuilder md = new StringBuilder();
        md.append("# API reference\n\n")
                .append("Generated at build time from the XRDs in `compositions/` (the composites platform teams ")
                .append("publish) and the CRDs in `package/crds/` (generated from the Java types in `apis/`); do not ")
                .append("edit. Managed resources follow Crossplane's contract: `spec.forProvider` ")
                .append("is what you want, `status.atProvider` what is observed, and `Ready`/`Synced` conditions say ")
                .append("how it is going (reasons: docs/troubleshooting.md).\n\n");
        for (CustomResourceDefinition crd : definitions) {
            md.append("- [").append(crd.getSpec().getNames().getKind()).append("](#")
                    .append(anchor(crd)).append(") `").append(crd.getSpec().getGroup()).append("`\n");
        }
        for (CustomResourceDefinition crd : definitions) {
            section(md, crd);
        }
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, md.toString());
        System.out.printf("[api-reference] %d kinds into %s%n", definitions.size(), output);
    }

    private static List<CustomResourceDefinition> load(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> yamls = files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                    .sorted().toList();
            List<CustomResourceDefinition> crds = new java.util.ArrayList<>();
            for (Path file : yamls) {
                try (InputStream in = Files.newInputStream(file)) {
                    crds.add(Serialization.unmarshal(in, CustomResourceDefinition.class));
                }
            }
            crds.sort(Comparator.comparing((CustomResourceDefinition c) -> c.getSpec().getGroup())
                    .thenComparing(c -> c.getSpec().getNames().getKind()));
            return crds;
        }
    }

    /** Each XRD as the CRD Crossplane derives from it (same names, scope and schema). */
    @SuppressWarnings("unchecked")
    private static List<CustomResourceDefinition> composites(Path compositions) throws IOException {
        List<CustomResourceDefinition> crds = new java.util.ArrayList<>();
        if (!Files.isDirectory(compositions)) {
            return crds;
        }
        try (Stream<Path> dirs = Files.list(compositions)) {
            for (Path xrd : dirs.map(d -> d.resolve("xrd.yaml")).filter(Files::isRegularFile).sorted().toList()) {
                Map<String, Object> object = Serialization.unmarshal(Files.readString(xrd), Map.class);
                Map<String, Object> spec = (Map<String, Object>) object.get("spec");
                Map<String, Object> crd = Map.of("apiVersion", "apiextensions.k8s.io/v1",
                        "kind", "CustomResourceDefinition", "metadata", object.get("metadata"),
                        "spec", Map.of("group", spec.get("group"), "names", spec.get("names"),
                                "scope", spec.getOrDefault("scope", "Namespaced"), "versions", spec.get("versions")));
                crds.add(Serialization.jsonMapper().convertValue(crd, CustomResourceDefinition.class));
            }
        }
        return crds;
    }

    private static String anchor(CustomResourceDefinition crd) {
        return crd.getSpec().getNames().getKind().toLowerCase() + "-" + crd.getSpec().getGroup().replace(".", "");
    }

    private static void section(StringBuilder md, CustomResourceDefinition crd) {
        CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
        String kind = crd.getSpec().getNames().getKind();
        md.append("\n## ").append(kind).append(" `").append(crd.getSpec().getGroup()).append("`\n\n");
        md.append("`apiVersion: ").append(crd.getSpec().getGroup()).append('/').append(version.getName())
                .append("` · ").append(crd.getSpec().getScope()).append(" · `kubectl get ")
                .append(crd.getSpec().getNames().getPlural()).append('`');
        List<String> shortNames = crd.getSpec().getNames().getShortNames();
        if (shortNames != null && !shortNames.isEmpty()) {
            md.append(" (short: `").append(String.join("`, `", shortNames)).append("`)");
        }
        md.append("\n\n");
        JSONSchemaProps schema = version.getSchema().getOpenAPIV3Schema();
        if (schema.getDescription() != null) {
            md.append(schema.getDescription().strip()).append("\n\n");
        }
        if (version.getAdditionalPrinterColumns() != null && !version.getAdditionalPrinterColumns().isEmpty()) {
            md.append("Columns: ");
            List<String> columns = version.getAdditionalPrinterColumns().stream()
                    .map(CustomResourceColumnDefinition::getName).toList();
            md.append(String.join(", ", columns)).append("\n\n");
        }
        if (version.getSelectableFields() != null && !version.getSelectableFields().isEmpty()) {
            md.append("Field selectors (`kubectl get --field-selector`, and watches): ");
            md.append(String.join(", ", version.getSelectableFields().stream()
                    .map(f -> "`" + f.getJsonPath().substring(1) + "`").toList())).append("\n\n");
        }
        md.append("| field | type | description |\n|---|---|---|\n");
        Map<String, JSONSchemaProps> top = schema.getProperties() == null ? Map.of() : new TreeMap<>(schema.getProperties());
        for (Map.Entry<String, JSONSchemaProps> field : top.entrySet()) {
            if (!SKIPPED.contains(field.getKey())) {
                rows(md, field.getKey(), field.getValue(), schema.getRequired().contains(field.getKey()));
            }
        }
    }

    private static void rows(StringBuilder md, String path, JSONSchemaProps props, boolean required) {
        md.append("| `").append(path).append("` | ").append(type(props)).append(required ? ", required" : "")
                .append(" | ").append(describe(props)).append(" |\n");
        JSONSchemaProps fields = "array".equals(props.getType()) && props.getItems() != null
                ? props.getItems().getSchema() : props;
        String prefix = "array".equals(props.getType()) ? path + "[]." : path + ".";
        if (fields != null && fields.getProperties() != null) {
            for (Map.Entry<String, JSONSchemaProps> field : new TreeMap<>(fields.getProperties()).entrySet()) {
                rows(md, prefix + field.getKey(), field.getValue(), fields.getRequired().contains(field.getKey()));
            }
        }
    }

    private static String type(JSONSchemaProps props) {
        if ("array".equals(props.getType()) && props.getItems() != null && props.getItems().getSchema() != null) {
            return type(props.getItems().getSchema()) + "[]";
        }
        if ("object".equals(props.getType()) && props.getAdditionalProperties() != null
                && props.getAdditionalProperties().getSchema() != null) {
            return "map[string]" + type(props.getAdditionalProperties().getSchema());
        }
        if (props.getType() == null) {
            return Boolean.TRUE.equals(props.getXKubernetesIntOrString()) ? "int-or-string" : "any";
        }
        return props.getFormat() != null ? props.getType() + " (" + props.getFormat() + ")" : props.getType();
    }

    private static String describe(JSONSchemaProps props) {
        StringBuilder text = new StringBuilder(props.getDescription() == null ? "" : props.getDescription().strip());
        if (props.getEnum() != null && !props.getEnum().isEmpty()) {
            text.append(text.isEmpty() ? "" : " ").append("One of: ").append(props.getEnum().stream()
                    .map(v -> "`" + v.asText() + "`").reduce((a, b) -> a + ", " + b).orElse("")).append('.');
        }
        if (props.getDefault() != null) {
            text.append(text.isEmpty() ? "" : " ").append("Default: `").append(props.getDefault()).append("`.");
        }
        return text.toString().replace("|", "\\|").replace("\n", " ");
    }
}
