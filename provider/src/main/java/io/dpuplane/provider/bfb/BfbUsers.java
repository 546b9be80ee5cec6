package io.dpuplane.provider.bfb;

import io.dpuplane.apis.provisioning.v1alpha1.BFB;
import io.dpuplane.apis.provisioning.v1alpha1.DPU;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;

/** Who uses a BFB or its cached content: the DPUs that install it, and other BFBs with the same digest. */
final class BfbUsers {

    private final KubernetesClient client;

    BfbUsers(KubernetesClient client) {
        this.client = client;
    }

    /** The DPUs (namespace/name) in the BFB's namespace that name it. */
    List<String> dpusOf(BFB bfb) {
        return client.resources(DPU.class).inNamespace(bfb.getMetadata().getNamespace()).list().getItems().stream()
                .filter(dpu -> dpu.getSpec() != null && dpu.getSpec().getForProvider() != null
                        && dpu.getSpec().getForProvider().bfbRef() != null
                        && bfb.getMetadata().getName().equals(dpu.getSpec().getForProvider().bfbRef().name()))
                .map(dpu -> dpu.getMetadata().getNamespace() + "/" + dpu.getMetadata().getName())
                .sorted().toList();
    }

    /** Whether any other BFB, in any namespace, holds the same cached content. */
    boolean othersShare(BFB bfb, String digest) {
        return client.resources(BFB.class).inAnyNamespace().list().getItems().stream()
                .filter(other -> !Objects.equals(other.getMetadata().getUid(), bfb.getMetadata().getUid()))
                .filter(other -> other.getStatus() != null && other.getStatus().getAtProvider() != null)
                .anyMatch(other -> digest.equals(other.getStatus().getAtProvider().getSha256()));
    }
}
