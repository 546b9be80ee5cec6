package io.dpuplane.agent.emulator;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The status a kubelet reports for a pod whose containers all started: Running, every condition True,
 * each container running and ready, init containers completed, the node's address as host IP and a pod IP
 * of its own (10.244.0.0/16, stable per pod; the host IP for host-network pods).
 */
final class PodLifecycleStatus {

    private static final List<String> CONDITIONS = List.of("PodReadyToStartContainers", "Initialized",
            "ContainersReady", "Ready", "PodScheduled");

    private final KubernetesClient cluster;
    private final Map<String, String> nodeIps = new ConcurrentHashMap<>();

    PodLifecycleStatus(KubernetesClient cluster) {
        this.cluster = cluster;
    }

    /** Whether the pod still needs the kubelet: being deleted, or not yet reported Running and Ready. */
    boolean needsWork(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return true;
        }
        PodStatus status = pod.getStatus();
        return status == null || !"Running".equals(status.getPhase()) || status.getPodIP() == null
                || status.getConditions() == null || status.getConditions().stream()
                        .noneMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** The pod as its kubelet reports it once every container runs. */
    Pod running(Pod pod) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String hostIp = nodeIp(pod.getSpec().getNodeName());
        boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
        String podIp = hostNetwork ? hostIp : podIp(pod.getMetadata().getUid());
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        status.setPhase("Running");
        status.setHostIP(hostIp);
        status.setHostIPs(List.of(new HostIP(hostIp)));
        status.setPodIP(podIp);
        status.setPodIPs(List.of(new PodIP(podIp)));
        if (status.getStartTime() == null) {
            status.setStartTime(now);
        }
        List<PodCondition> conditions = new ArrayList<>();
        for (String type : CONDITIONS) {
            conditions.add(new PodConditionBuilder().withType(type).withStatus("True").withLastTransitionTime(now)
                    .build());
        }
        status.setConditions(conditions);
        status.setContainerStatuses(pod.getSpec().getContainers().stream()
                .map(c -> containerStatus(pod, c, now, true)).toList());
        status.setInitContainerStatuses(pod.getSpec().getInitContainers() == null ? List.of()
                : pod.getSpec().getInitContainers().stream().map(c -> containerStatus(pod, c, now, false)).toList());
        pod.setStatus(status);
        return pod;
    }

    private static ContainerStatus containerStatus(Pod pod, Container container, String now, boolean running) {
        ContainerStatusBuilder status = new ContainerStatusBuilder().withName(container.getName())
                .withImage(container.getImage()).withImageID(container.getImage())
                .withContainerID("emulated://" + pod.getMetadata().getUid() + "/" + container.getName())
                .withRestartCount(0).withReady(running).withStarted(running);
        if (running) {
            status.withNewState().withNewRunning().withStartedAt(now).endRunning().endState();
        } else {
            status.withNewState().withNewTerminated().withExitCode(0).withReason("Completed").withStartedAt(now)
                    .withFinishedAt(now).endTerminated().endState();
        }
        return status.build();
    }

    /** The node's InternalIP, or a stable address of 192.168.0.0/16 for a node that reports none. */
    private String nodeIp(String name) {
        return nodeIps.computeIfAbsent(name, n -> {
            Node node = cluster.nodes().withName(n).get();
            if (node != null && node.getStatus() != null && node.getStatus().getAddresses() != null) {
                for (NodeAddress address : node.getStatus().getAddresses()) {
                    if ("InternalIP".equals(address.getType())) {
                        return address.getAddress();
                    }
                }
            }
            int hash = n.hashCode() & 0xffff;
            return "192.168." + (hash >> 8) + "." + Math.max(1, hash & 0xff);
        });
    }

    private static String podIp(String uid) {
        int hash = uid.hashCode() & 0xffff;
        return "10.244." + (hash >> 8) + "." + Math.max(1, hash & 0xff);
    }
}
