package io.dpuplane.provider.flavor;

import io.dpuplane.apis.provisioning.v1alpha1.DPUFlavor;
import io.dpuplane.apis.provisioning.v1alpha1.DPUFlavorObservation;
import io.dpuplane.runtime.Conditions;
import io.dpuplane.runtime.managed.ExternalClient;
import io.dpuplane.runtime.managed.ExternalConnector;
import io.dpuplane.runtime.managed.ExternalCreation;
import io.dpuplane.runtime.managed.ExternalObservation;
import io.dpuplane.runtime.managed.ExternalUpdate;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * A DPUFlavor's external resource is its rendering: observe renders it, records its size and digest, and is
 * Ready only when it renders and fits the installer's limit. Nothing is created or deleted anywhere.
 */
public final class DpuFlavorConnector implements ExternalConnector<DPUFlavor> {

    private final Conditions conditions = new Conditions(Clock.systemUTC());

    @Override
    public ExternalClient<DPUFlavor> connect(DPUFlavor resource, GenericKubernetesResource providerConfig) {
        return new ExternalClient<>() {
            @Override
            public ExternalObservation observe(DPUFlavor flavor) {
                String name = flavor.getMetadata().getNamespace() + "/" + flavor.getMetadata().getName();
                try {
                    BfCfgRenderer.Rendered rendered = BfCfgRenderer.render(name, flavor.getSpec().getForProvider(),
                            Optional.empty());
                    byte[] bytes = rendered.bytes();
                    flavor.requireStatus().setAtProvider(new DPUFlavorObservation((long) bytes.length, sha256(bytes)));
                    Conditions.mark(flavor, rendered.fits() ? conditions.available()
                            : conditions.unavailable("the rendered bf.cfg is " + bytes.length + " bytes, over the "
                                    + BfCfgRenderer.MAX_BYTES + "-byte limit of the BlueField installer: move large "
                                    + "files out of configFiles"));
                } catch (IllegalArgumentException e) {
                    Conditions.mark(flavor, conditions.unavailable("cannot render bf.cfg: " + e.getMessage()));
                }
                return ExternalObservation.upToDate(Map.of());
            }

            @Override
            public ExternalCreation create(DPUFlavor flavor) {
                return ExternalCreation.none();
            }

            @Override
            public ExternalUpdate update(DPUFlavor flavor) {
                return ExternalUpdate.none();
            }

            @Override
            public void delete(DPUFlavor flavor) {
                // a rendering lives nowhere but in status
            }
        };
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
