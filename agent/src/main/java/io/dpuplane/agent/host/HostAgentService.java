package io.dpuplane.agent.host;

import io.dpuplane.agent.proto.v1.CancelOperationRequest;
import io.dpuplane.agent.proto.v1.Device;
import io.dpuplane.agent.proto.v1.GetOperationRequest;
import io.dpuplane.agent.proto.v1.HostAgentGrpc;
import io.dpuplane.agent.proto.v1.ListDevicesRequest;
import io.dpuplane.agent.proto.v1.ListDevicesResponse;
import io.dpuplane.agent.proto.v1.Operation;
import io.dpuplane.agent.proto.v1.ResetDeviceRequest;
import io.dpuplane.agent.proto.v1.ResetDeviceResponse;
import io.dpuplane.agent.proto.v1.StartInstallRequest;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The host agent's gRPC API over its discovery and operations. */
public final class HostAgentService extends HostAgentGrpc.HostAgentImplBase {

    private final String nodeName;
    private final String agentVersion;
    private final Supplier<List<HostDevice>> devices;
    private final Operations operations;

    public HostAgentService(String nodeName, String agentVersion, Supplier<List<HostDevice>> devices,
            Operations operations) {
        this.nodeName = nodeName;
        this.agentVersion = agentVersion;
        this.devices = devices;
        this.operations = operations;
    }

    @Override
    public void listDevices(ListDevicesRequest request, StreamObserver<ListDevicesResponse> response) {
        Map<String, String> installed = operations.installedVersions();
        ListDevicesResponse.Builder list = ListDevicesResponse.newBuilder().setNodeName(nodeName)
                .setAgentVersion(agentVersion);
        for (HostDevice d : devices.get()) {
            list.addDevices(Device.newBuilder().setPciAddress(d.pciAddress()).setModel(d.model().displayName())
                    .setPciDeviceId(d.pciDeviceId()).setSerialNumber(d.serialNumber())
                    .setPartNumber(Optional.ofNullable(d.partNumber()).orElse(""))
                    .setRshimDevice(d.rshim().map(RshimDevice::name).orElse(""))
                    .setBfbVersion(installed.getOrDefault(d.pciAddress(), ""))
                    .setHealthy(d.rshim().isPresent())
                    .setHealthMessage(d.rshim().isPresent() ? "" : "no rshim device names this card"));
        }
        respond(response, list.build());
    }

    @Override
    public void startInstall(StartInstallRequest request, StreamObserver<Operation> response) {
        try {
            respond(response, proto(operations.startInstall(request.getPciAddress(), request.getBfbUrl(),
                    request.getBfbSha256(), request.getBfCfg().toByteArray(), request.getRequestedBy())));
        } catch (IllegalArgumentException e) {
            response.onError(Status.NOT_FOUND.withDescription(e.getMessage()).asRuntimeException());
        } catch (IllegalStateException e) {
            response.onError(Status.ALREADY_EXISTS.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    @Override
    public void getOperation(GetOperationRequest request, StreamObserver<Operation> response) {
        operations.get(request.getId()).ifPresentOrElse(op -> respond(response, proto(op)),
                () -> response.onError(Status.NOT_FOUND.withDescription("no operation " + request.getId())
                        .asRuntimeException()));
    }

    @Override
    public void cancelOperation(CancelOperationRequest request, StreamObserver<Operation> response) {
        operations.cancel(request.getId()).ifPresentOrElse(op -> respond(response, proto(op)),
                () -> response.onError(Status.NOT_FOUND.withDescription("no operation " + request.getId())
                        .asRuntimeException()));
    }

    @Override
    public void resetDevice(ResetDeviceRequest request, StreamObserver<ResetDeviceResponse> response) {
        Optional<RshimDevice> rshim = devices.get().stream().filter(d -> d.pciAddress().equals(request.getPciAddress()))
                .findFirst().flatMap(HostDevice::rshim);
        if (rshim.isEmpty()) {
            response.onError(Status.NOT_FOUND.withDescription("no BlueField with an rshim device at "
                    + request.getPciAddress()).asRuntimeException());
            return;
        }
        try {
            new RshimPort(rshim.get()).reset();
            respond(response, ResetDeviceResponse.getDefaultInstance());
        } catch (IOException e) {
            response.onError(Status.UNAVAILABLE.withDescription("cannot reset: " + e.getMessage()).asRuntimeException());
        }
    }

    static Operation proto(OperationRecord r) {
        Operation.Builder op = Operation.newBuilder().setId(r.id()).setPciAddress(r.pciAddress())
                .setState(Operation.State.valueOf(r.state().name())).setStage(r.stage()).setBytesPushed(r.bytesPushed())
                .setTotalBytes(r.totalBytes()).addAllConsole(r.console()).setStartedAt(r.startedAt())
                .setBfbSha256(r.bfbSha256());
        Optional.ofNullable(r.error()).ifPresent(op::setError);
        Optional.ofNullable(r.finishedAt()).ifPresent(op::setFinishedAt);
        Optional.ofNullable(r.docaVersion()).ifPresent(op::setDocaVersion);
        return op.build();
    }

    private static <T> void respond(StreamObserver<T> response, T value) {
        response.onNext(value);
        response.onCompleted();
    }
}
