package io.dpuplane.agent.dpu.sync;

import io.dpuplane.agent.dpu.flow.ChainCookie;
import io.dpuplane.agent.dpu.flow.ChainPlan;
import io.dpuplane.agent.dpu.flow.ChainResolver;
import io.dpuplane.agent.dpu.flow.FlowProgrammer;
import io.dpuplane.agent.dpu.ipam.NodePools;
import io.dpuplane.agent.dpu.ipam.PoolView;
import io.dpuplane.agent.dpu.port.PortOutcome;
import io.dpuplane.apis.crossplane.Condition;
import io.dpuplane.apis.sfc.v1alpha1.IPPool;
import io.dpuplane.apis.sfc.v1alpha1.IPPoolStatus;
import io.dpuplane.apis.sfc.v1alpha1.ProgrammingStatus;
import io.dpuplane.apis.sfc.v1alpha1.ServiceChain;
import io.dpuplane.apis.sfc.v1alpha1.ServiceChainStatus;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterface;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterfaceStatus;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a pass's outcomes into each sfc object's status, and queues the ones that changed for writing. */
final class StatusReport {

    private final StatusWriter writer;
    private final Set<String> programmedChains = new HashSet<>();
    private int staged;

    StatusReport(StatusWriter writer) {
        this.writer = writer;
    }

    void interfaces(List<ServiceInterface> interfaces, Map<String, PortOutcome> outcomes, Map<String, PoolView> pools) {
        for (ServiceInterface si : interfaces) {
            String key = si.getMetadata().getNamespace() + "/" + si.getMetadata().getName();
            PortOutcome outcome = outcomes.get(key);
            ServiceInterfaceStatus status = new ServiceInterfaceStatus();
            status.setOvsPort(outcome.port());
            status.setOfport(outcome.ofport() > 0 ? outcome.ofport() : null);
            status.setMac(outcome.mac());
            status.setIpAddress(addressOf(key, pools));
            Long generation = si.getMetadata().getGeneration();
            Condition condition = outcome.usable() ? Programmed.yes("PortReady", generation)
                    : Programmed.no("PortNotReady", outcome.problem(), generation);
            stage(si, status, condition);
        }
    }

    void chains(List<ServiceChain> chains, Map<String, ChainPlan> plans, Map<String, PoolView> pools,
            FlowProgrammer.Result flows) {
        programmedChains.clear();
        for (ServiceChain chain : chains) {
            String key = ChainResolver.key(chain);
            ChainPlan plan = plans.get(key);
            List<String> problems = new ArrayList<>(plan.problems());
            String reason = problems.isEmpty() ? null : "PortsUnresolved";
            for (ChainPlan.AddressRequest request : plan.addresses()) {
                String problem = addressProblem(request, pools.get(request.pool()));
                if (problem != null) {
                    problems.add(request.port() + ": " + problem);
                    reason = "AddressesExhausted";
                }
            }
            String flowError = flows.errors().get(key);
            if (flowError != null) {
                problems.add(0, "OVS refused the flows: " + flowError);
                reason = "FlowsRejected";
            }
            ServiceChainStatus status = new ServiceChainStatus();
            status.setCookie(ChainCookie.hex(plan.flows().cookie()));
            status.setFlowsInstalled(flows.installed().count(plan.flows().cookie()));
            Long generation = chain.getMetadata().getGeneration();
            Condition condition = problems.isEmpty() ? Programmed.yes("FlowsInstalled", generation)
                    : Programmed.no(reason, String.join("; ", problems), generation);
            if (problems.isEmpty()) {
                programmedChains.add(key);
            }
            stage(chain, status, condition);
        }
    }

    private static String addressProblem(ChainPlan.AddressRequest request, PoolView pool) {
        String name = request.pool().substring(request.pool().indexOf('/') + 1);
        if (pool == null) {
            return "IPPool " + name + " does not exist on this node";
        }
        if (!pool.hasBlock()) {
            return "IPPool " + name + ": " + pool.problem();
        }
        if (pool.allocation().refused().contains(request.owner())) {
            return "IPPool " + name + " has no free address for " + request.owner() + ": block " + pool.block().cidr()
                    + " is exhausted (" + pool.allocation().allocations().size() + " allocated)";
        }
        return null;
    }

    void pools(List<IPPool> pools, Map<String, PoolView> views) {
        for (IPPool pool : pools) {
            PoolView view = views.get(NodePools.key(pool));
            IPPoolStatus status = new IPPoolStatus();
            Long generation = pool.getMetadata().getGeneration();
            Condition condition;
            if (view.hasBlock()) {
                status.setBlock(view.block().cidr());
                status.setAllocations(view.allocation().allocations());
                status.setExhausted(view.allocation().exhausted());
                condition = Programmed.yes("BlockAllocated", generation);
            } else {
                condition = Programmed.no(view.reason(), view.problem(), generation);
            }
            stage(pool, status, condition);
        }
    }

    /** How many statuses this pass queued for writing. */
    int staged() {
        int count = staged;
        staged = 0;
        return count;
    }

    private <S extends ProgrammingStatus> void stage(CustomResource<?, S> object, S status, Condition condition) {
        S base = writer.base(object);
        status.setConditions(Programmed.merge(base == null ? List.of() : base.getConditions(), condition));
        status.setObservedGeneration(object.getMetadata().getGeneration());
        if (writer.stage(object, status)) {
            staged++;
        }
    }

    private static String addressOf(String owner, Map<String, PoolView> pools) {
        return pools.values().stream().filter(p -> p.allocation() != null)
                .map(p -> p.allocation().addressOf(owner).orElse(null)).filter(a -> a != null).findFirst().orElse(null);
    }

    Set<String> programmedChains() {
        return programmedChains;
    }

    void forget() {
        writer.forget();
    }

    void retain(Set<String> uids) {
        writer.retain(uids);
    }
}
