package io.dpuplane.runtime.connection;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Publishes a managed resource's connection details to the Secret its {@code writeConnectionSecretToRef}
 * names, in its namespace: type {@code connection.crossplane.io/v1alpha1}, controlled by the resource (so
 * it is garbage-collected with it), additive, and written only when something changed.
 */
public class ConnectionPublisher {

    public static final String SECRET_TYPE = "connection.crossplane.io/v1alpha1";

    private final KubernetesClient client;

    public ConnectionPublisher(KubernetesClient client) {
        this.client = client;
    }

    /** Writes the details into the Secret; returns whether the Secret changed. */
    public boolean publish(HasMetadata owner, String secretName, Map<String, byte[]> details) {
        if (secretName == null || details.isEmpty()) {
            return false;
        }
        String namespace = owner.getMetadata().getNamespace();
        Secret existing = client.secrets().inNamespace(namespace).withName(secretName).get();
        Map<String, String> data = new HashMap<>(existing == null || existing.getData() == null ? Map.of() : existing.getData());
        details.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v)));
        if (existing != null && data.equals(existing.getData())) {
            return false;
        }
        if (existing != null && !controlledBy(existing, owner)) {
            throw new IllegalStateException("connection secret " + namespace + "/" + secretName
                    + " exists and is not controlled by " + owner.getKind() + " " + owner.getMetadata().getName());
        }
        Secret secret = new SecretBuilder()
                .withNewMetadata().withName(secretName).withNamespace(namespace)
                .withOwnerReferences(controllerReference(owner)).endMetadata()
                .withType(SECRET_TYPE)
                .withData(data)
                .build();
        if (existing == null) {
            client.secrets().inNamespace(namespace).resource(secret).create();
        } else {
            secret.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
            client.secrets().inNamespace(namespace).resource(secret).update();
        }
        return true;
    }

    /** Deletes the Secret if this resource controls it. */
    public void unpublish(HasMetadata owner, String secretName) {
        if (secretName == null) {
            return;
        }
        Secret existing = client.secrets().inNamespace(owner.getMetadata().getNamespace()).withName(secretName).get();
        if (existing != null && controlledBy(existing, owner)) {
            client.resource(existing).delete();
        }
    }

    private static boolean controlledBy(Secret secret, HasMetadata owner) {
        return secret.getMetadata().getOwnerReferences().stream()
                .anyMatch(ref -> Boolean.TRUE.equals(ref.getController()) && owner.getMetadata().getUid().equals(ref.getUid()));
    }

    /** A controller owner reference to a resource. */
    public static OwnerReference controllerReference(HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }
}
