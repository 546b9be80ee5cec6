package io.dpuplane.apis.build;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Build step (run by the apis module's build, not at run time): generates the CRD YAML of every kind in
 * {@code apis} into {@code package/crds/}, with printer columns in Crossplane's order — READY and SYNCED
 * first, AGE last — instead of the generator's order by JSON path.
 */
public final class CrdGeneration {

    private CrdGeneration() {
    }

    /** Arguments: the compiled classes directory and the output directory. */
    public static void main(String[] args) throws IOException, ClassNotFoundException {
        Path classes = Path.of(args[0]);
        Path output = Path.of(args[1]);
        Files.createDirectories(output);
        List<Class<? extends HasMetadata>> kinds = kinds(classes);
        int generated = new CRDGenerator().inOutputDir(output.toFile()).forCRDVersions("v1")
                .withPostProcessor(new CrossplaneColumnOrder())
                .customResourceClasses(kinds).generate();
        System.out.printf("[crd-generation] %d CRDs from %d kinds into %s%n", generated, kinds.size(), output);
    }

    @SuppressWarnings("unchecked")
    private static List<Class<? extends HasMetadata>> kinds(Path classes) throws IOException, ClassNotFoundException {
        List<Class<? extends HasMetadata>> kinds = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, CrdGeneration.class.getClassLoader());
                if (CustomResource.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())
                        && type.isAnnotationPresent(Group.class)) {
                    kinds.add((Class<? extends HasMetadata>) type);
                }
            }
        }
        return kinds;
    }

    /** READY, SYNCED, then the kind's own columns, AGE last. */
    static final class CrossplaneColumnOrder implements CRDPostProcessor {

        @Override
        public HasMetadata process(HasMetadata resource, String crdSpecVersion) {
            if (resource instanceof CustomResourceDefinition crd) {
                crd.getSpec().getVersions().forEach(v -> {
                    if (v.getAdditionalPrinterColumns() != null) {
                        List<CustomResourceColumnDefinition> columns = new ArrayList<>(v.getAdditionalPrinterColumns());
                        columns.sort(Comparator.comparingInt(CrossplaneColumnOrder::rank));
                        v.setAdditionalPrinterColumns(columns);
                    }
                });
            }
            return resource;
        }

        private static int rank(CustomResourceColumnDefinition column) {
            return switch (column.getName()) {
                case "READY" -> 0;
                case "SYNCED" -> 1;
                case "AGE" -> 3;
                default -> 2;
            };
        }
    }
}
