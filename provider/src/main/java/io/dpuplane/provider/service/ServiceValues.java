package io.dpuplane.provider.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceParameters;
import io.dpuplane.apis.svc.v1alpha1.ValuesSource;
import io.dpuplane.apis.svc.v1alpha1.ValuesSourceKind;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Helm values of a DPUService: its node selector as the value {@code nodeSelector}, then each
 * ConfigMap or Secret of {@code valuesFrom} in order, then {@code values}; each deep-merged over what came
 * before (a later map's keys win, nested maps merge). A missing source or key, or YAML that is not a map,
 * is bad input.
 */
final class ServiceValues {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper CANONICAL = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final KubernetesClient host;

    ServiceValues(KubernetesClient host) {
        this.host = host;
    }

    Map<String, Object> merged(String namespace, DPUServiceParameters p) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (p.nodeSelector() != null && !p.nodeSelector().isEmpty()) {
            values.put("nodeSelector", new LinkedHashMap<>(p.nodeSelector()));
        }
        if (p.valuesFrom() != null) {
            for (ValuesSource source : p.valuesFrom()) {
                merge(values, read(namespace, source));
            }
        }
        if (p.values() != null) {
            merge(values, p.values());
        }
        return values;
    }

    private Map<String, Object> read(String namespace, ValuesSource source) {
        String key = source.key() == null ? "values.yaml" : source.key();
        String what = (source.kind() == ValuesSourceKind.SECRET ? "Secret " : "ConfigMap ") + namespace + "/"
                + source.name();
        String yaml;
        if (source.kind() == ValuesSourceKind.SECRET) {
            Secret secret = host.secrets().inNamespace(namespace).withName(source.name()).get();
            if (secret == null) {
                throw new BadInput("valuesFrom: " + what + " does not exist");
            }
            String encoded = secret.getData() == null ? null : secret.getData().get(key);
            yaml = encoded == null ? null : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } else {
            ConfigMap map = host.configMaps().inNamespace(namespace).withName(source.name()).get();
            if (map == null) {
                throw new BadInput("valuesFrom: " + what + " does not exist");
            }
            yaml = map.getData() == null ? null : map.getData().get(key);
        }
        if (yaml == null) {
            throw new BadInput("valuesFrom: " + what + " has no key " + key);
        }
        try {
            Object parsed = YAML.readValue(yaml, Object.class);
            if (parsed == null) {
                return Map.of();
            }
            if (!(parsed instanceof Map)) {
                throw new BadInput("valuesFrom: key " + key + " of " + what + " is not a YAML map of values");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) parsed;
            return map;
        } catch (JsonProcessingException e) {
            throw new BadInput("valuesFrom: key " + key + " of " + what + " is not valid YAML: "
                    + e.getOriginalMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> into, Map<String, Object> over) {
        for (Map.Entry<String, Object> e : over.entrySet()) {
            Object current = into.get(e.getKey());
            if (current instanceof Map && e.getValue() instanceof Map) {
                Map<String, Object> nested = new LinkedHashMap<>((Map<String, Object>) current);
                merge(nested, (Map<String, Object>) e.getValue());
                into.put(e.getKey(), nested);
            } else {
                into.put(e.getKey(), e.getValue());
            }
        }
    }
}
