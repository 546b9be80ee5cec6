package io.dpuplane.cli.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dpuplane.apis.provisioning.v1alpha1.DPU;
import io.dpuplane.cli.status.ConditionOf;
import io.dpuplane.apis.provisioning.v1alpha1.DPUObservation;
import io.dpuplane.apis.provisioning.v1alpha1.InstallProgress;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the sandbox shows while it converges: every DPU with its phase and install progress bar, every
 * DPUService and DPUServiceChain with Ready and the message that says why not. Read from the host cluster.
 */
final class ProgressBoard {

    private static final int BAR = 20;
    private static final List<String[]> WORKLOADS = List.of(
            new String[] {"svc.dpuplane.io/v1alpha1", "DPUService", "Services"},
            new String[] {"svc.dpuplane.io/v1alpha1", "DPUServiceChain", "Chains"});

    private final KubernetesClient client;

    ProgressBoard(KubernetesClient client) {
        this.client = client;
    }

    /** One look at the cluster. */
    Snapshot snapshot() {
        List<DPU> dpus = new ArrayList<>(client.resources(DPU.class).inAnyNamespace().list().getItems());
        dpus.sort(Comparator.comparing(d -> d.getMetadata().getName()));
        List<String> lines = new ArrayList<>();
        long ready = dpus.stream().filter(ProgressBoard::isReady).count();
        lines.add("DPUs: %d, %d Ready".formatted(dpus.size(), ready));
        for (DPU dpu : dpus) {
            lines.add("  " + dpuLine(dpu));
        }
        boolean workloadsReady = true;
        int workloads = 0;
        for (String[] kind : WORKLOADS) {
            List<GenericKubernetesResource> items = client.genericKubernetesResources(kind[0], kind[1]).inAnyNamespace()
                    .list().getItems();
            workloads += items.size();
            lines.add("%s: %d".formatted(kind[2], items.size()));
            for (GenericKubernetesResource item : items) {
                Map<String, Object> readyCondition = ConditionOf.find(item.getAdditionalProperties(), "Ready");
                boolean itemReady = "True".equals(readyCondition.get("status"));
                workloadsReady &= itemReady;
                lines.add("  %-32s %-6s %s".formatted(item.getMetadata().getName(), itemReady ? "Ready" : "…",
                        itemReady ? "" : Objects.toString(readyCondition.get("message"), "")));
            }
        }
        return new Snapshot(List.copyOf(lines), !dpus.isEmpty() && ready == dpus.size() && workloadsReady, dpus.size(),
                workloads);
    }

    /** A rendering of the board, and whether everything on it is Ready. */
    record Snapshot(List<String> lines, boolean allReady, int dpus, int workloads) {
    }

    private static String dpuLine(DPU dpu) {
        DPUObservation at = dpu.getStatus() == null ? null : dpu.getStatus().getAtProvider();
        String phase = at == null || at.getPhase() == null ? "Pending" : phaseName(at);
        String detail = "";
        if (at != null && at.getInstall() != null && at.getPhase() != null && phase.equals("OSInstalling")) {
            detail = bar(at.getInstall());
        } else if (at != null && at.getLastError() != null && !isReady(dpu)) {
            detail = "attempt " + Objects.toString(at.getAttempts(), "1") + ": " + at.getLastError();
        } else if (at != null && at.getDpuNodeName() != null) {
            detail = "node " + at.getDpuNodeName();
        }
        return "%-34s %-26s %s".formatted(dpu.getMetadata().getName(), phase, detail);
    }

    private static String phaseName(DPUObservation at) {
        try {
            return at.getPhase().getClass().getField(at.getPhase().name())
                    .getAnnotation(JsonProperty.class).value();
        } catch (NoSuchFieldException e) {
            return at.getPhase().name();
        }
    }

    private static String bar(InstallProgress install) {
        long done = install.getBytesPushed() == null ? 0 : install.getBytesPushed();
        long total = install.getTotalBytes() == null ? 0 : install.getTotalBytes();
        int filled = total <= 0 ? 0 : (int) Math.min(BAR, done * BAR / total);
        return "[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "] "
                + (total <= 0 ? "" : (done * 100 / total) + "% ") + Objects.toString(install.getStage(), "");
    }

    private static boolean isReady(DPU dpu) {
        return dpu.getStatus() != null && dpu.getStatus().getConditions() != null && dpu.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
