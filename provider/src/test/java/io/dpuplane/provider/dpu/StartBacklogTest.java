package io.dpuplane.provider.dpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.apis.crossplane.Reference;
import io.dpuplane.apis.provisioning.v1alpha1.DPU;
import io.dpuplane.apis.provisioning.v1alpha1.DPUObservation;
import io.dpuplane.apis.provisioning.v1alpha1.DPUParameters;
import io.dpuplane.apis.provisioning.v1alpha1.DPUSpec;
import io.dpuplane.apis.provisioning.v1alpha1.DPUStatus;
import io.dpuplane.apis.provisioning.v1alpha1.InstallProgress;
import io.dpuplane.apis.provisioning.v1alpha1.InstalledRevision;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StartBacklogTest {

    private final List<DPU> cached = new CopyOnWriteArrayList<>();
    private final AtomicLong now = new AtomicLong();
    private final StartBacklog backlog = new StartBacklog(now::get);

    @Test
    void dpusWithoutAnInstallDoneOrInFlightWaitToStartAndOthersDoNot() {
        backlog.countIn(new ListCache(cached));
        cached.add(dpu("new", null));
        cached.add(dpu("failed-first-attempt", new DPUObservation()));
        cached.add(dpu("streaming", inFlight("op-1")));
        cached.add(dpu("ready", installed()));
        DPU leaving = dpu("leaving", null);
        leaving.getMetadata().setDeletionTimestamp("2026-11-28T00:00:00Z");
        leaving.getMetadata().setFinalizers(List.of("finalizer.managedresource.crossplane.io"));
        cached.add(leaving);

        assertThat(backlog.waiting()).isEqualTo(2);
    }

    @Test
    void aDpuToldToRunAnotherBfbOrFlavorWaitsToStartUntilItsInstallIsInFlight() {
        backlog.countIn(new ListCache(cached));
        cached.add(dpu("current", installed(), wanting("doca", "default")));
        cached.add(dpu("new-bfb", installed(), wanting("doca-2.9", "default")));
        cached.add(dpu("new-flavor", installed(), wanting("doca", "hbn")));
        DPUObservation upgrading = inFlight("op-2");
        upgrading.setInstalled(installed().getInstalled());
        cached.add(dpu("upgrading", upgrading, wanting("doca-2.9", "default")));

        assertThat(backlog.waiting()).isEqualTo(2);
    }

    @Test
    void theCountIsTakenAtMostOnceASecond() {
        backlog.countIn(new ListCache(cached));
        cached.add(dpu("a", null));
        assertThat(backlog.waiting()).isEqualTo(1);

        cached.add(dpu("b", null));
        now.addAndGet(999_000_000L);
        assertThat(backlog.waiting()).as("within the second: the last count").isEqualTo(1);
        now.addAndGet(1_000_000L);
        assertThat(backlog.waiting()).isEqualTo(2);
    }

    @Test
    void nothingWaitsBeforeTheControllerHasACache() {
        assertThat(backlog.waiting()).isZero();
    }

    private static DPU dpu(String name, DPUObservation at, DPUParameters wanted) {
        DPU dpu = dpu(name, at);
        dpu.setSpec(new DPUSpec());
        dpu.getSpec().setForProvider(wanted);
        return dpu;
    }

    private static DPUParameters wanting(String bfb, String flavor) {
        return new DPUParameters("h0", "0000:03:00.0", null, new Reference(bfb), new Reference(flavor),
                new Reference("dpu-cluster"), null, null);
    }

    private static DPU dpu(String name, DPUObservation at) {
        DPU dpu = new DPU();
        dpu.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("fleet").build());
        if (at != null) {
            dpu.setStatus(new DPUStatus());
            dpu.getStatus().setAtProvider(at);
        }
        return dpu;
    }

    private static DPUObservation inFlight(String operation) {
        DPUObservation at = new DPUObservation();
        InstallProgress install = new InstallProgress();
        install.setOperationId(operation);
        at.setInstall(install);
        return at;
    }

    private static DPUObservation installed() {
        DPUObservation at = new DPUObservation();
        at.setInstalled(new InstalledRevision("doca", "ab12", "default", "cd34"));
        return at;
    }

    private record ListCache(List<DPU> dpus) implements Cache<DPU> {
        @Override
        public Optional<DPU> get(ResourceID id) {
            return dpus.stream().filter(d -> ResourceID.fromResource(d).equals(id)).findFirst();
        }

        @Override
        public Stream<ResourceID> keys() {
            return dpus.stream().map(ResourceID::fromResource);
        }

        @Override
        public Stream<DPU> list(Predicate<DPU> predicate) {
            return dpus.stream().filter(predicate);
        }
    }
}
