package io.dpuplane.provider.pki;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The text values of a Secret's data, read and written as strings. */
final class SecretData {

    private final Map<String, String> values;

    private SecretData(Map<String, String> values) {
        this.values = values;
    }

    static SecretData empty() {
        return new SecretData(new LinkedHashMap<>());
    }

    static SecretData of(Secret secret) {
        Map<String, String> values = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> values.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        return new SecretData(values);
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isEmpty());
    }

    SecretData with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return new SecretData(copy);
    }

    Map<String, String> encoded() {
        Map<String, String> encoded = new LinkedHashMap<>();
        values.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return encoded;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretData data && data.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
