package io.dpuplane.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import grpc.health.v1.MutinyHealthGrpc;
import io.dpuplane.functions.dpuset.TestFleet;
import io.dpuplane.functions.proto.v1.FunctionRunnerService;
import io.dpuplane.functions.proto.v1.RequestMeta;
import io.dpuplane.functions.proto.v1.Resource;
import io.dpuplane.functions.proto.v1.RunFunctionRequest;
import io.dpuplane.functions.proto.v1.RunFunctionResponse;
import io.dpuplane.functions.proto.v1.Severity;
import io.dpuplane.functions.proto.v1.State;
import io.dpuplane.functions.sdk.Structs;
import io.grpc.reflection.v1.MutinyServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServiceResponse;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Calls the running function server over real gRPC (plain text, as crossplane render does). */
@QuarkusTest
class FunctionRunnerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @GrpcClient("function")
    FunctionRunnerService function;

    @GrpcClient("function")
    io.dpuplane.functions.proto.v1beta1.FunctionRunnerService functionV1beta1;

    @GrpcClient("function")
    MutinyServerReflectionGrpc.MutinyServerReflectionStub reflection;

    @GrpcClient("function")
    MutinyHealthGrpc.MutinyHealthStub health;

    @TestHTTPResource("/metrics")
    URL metrics;

    private static RunFunctionRequest request(String inputKind) {
        Struct composed = Struct.newBuilder().putFields("kind", Structs.text("ConfigMap")).build();
        return RunFunctionRequest.newBuilder()
                .setMeta(RequestMeta.newBuilder().setTag("tag-7f3a"))
                .setDesired(State.newBuilder().putResources("earlier-step",
                        Resource.newBuilder().setResource(composed).build()))
                .setInput(Struct.newBuilder().putFields("apiVersion", Structs.text("fn.dpuplane.io/v1alpha1"))
                        .putFields("kind", Structs.text(inputKind)))
                .build();
    }

    @Test
    void responseCopiesTheTagSetsATtlAndPassesDesiredStateThrough() {
        RunFunctionResponse response = function.runFunction(request("Nonexistent")).await().atMost(TIMEOUT);
        assertThat(response.getMeta().getTag()).isEqualTo("tag-7f3a");
        assertThat(response.getMeta().getTtl().getSeconds()).isPositive();
        assertThat(response.getDesired().getResourcesMap()).containsKey("earlier-step");
    }

    @Test
    void inputKindNoFunctionHandlesIsAFatalResultThatNamesIt() {
        RunFunctionResponse response = function.runFunction(request("Nonexistent")).await().atMost(TIMEOUT);
        assertThat(response.getResultsList()).singleElement().satisfies(result -> {
            assertThat(result.getSeverity()).isEqualTo(Severity.SEVERITY_FATAL);
            assertThat(result.getMessage()).contains("Nonexistent");
        });
    }

    @Test
    void fieldNumbersMatchCrossplanesWireFormat() {
        // RequestMeta.tag = 1 and RunFunctionRequest.meta = 1: bytes 0x0a <len> 0x0a <len> "t".
        byte[] bytes = RunFunctionRequest.newBuilder().setMeta(RequestMeta.newBuilder().setTag("t")).build()
                .toByteArray();
        assertThat(bytes).containsExactly(0x0a, 0x03, 0x0a, 0x01, 't');
        // RunFunctionRequest.required_resources = 8 is a map field: tag (8 << 3 | 2) = 0x42.
        byte[] required = RunFunctionRequest.newBuilder()
                .putRequiredResources("k", io.dpuplane.functions.proto.v1.Resources.getDefaultInstance())
                .build().toByteArray();
        assertThat(required[0]).isEqualTo((byte) 0x42);
    }

    @Test
    void aDPUSetStepComposesItsDpusOverGrpc() {
        RunFunctionRequest request = TestFleet.ofHosts(3).dpuSet("""
                bfbRef: {name: bf-bundle-2.9.1}
                flavorRef: {name: standard}
                dpuClusterRef: {name: edge}
                """).request();

        RunFunctionResponse response = function.runFunction(request).await().atMost(TIMEOUT);

        assertThat(response.getDesired().getResourcesMap()).hasSize(3);
        assertThat(response.getRequirements().getResourcesMap()).containsKey("dpudevices");
    }

    @Test
    void theV1beta1ServiceAnswersLikeV1() {
        RunFunctionRequest request = request("Nonexistent");

        assertThat(functionV1beta1.runFunction(request).await().atMost(TIMEOUT))
                .isEqualTo(function.runFunction(request).await().atMost(TIMEOUT));
    }

    @Test
    void aDPUSetOfTenThousandCardsFarAboveGrpcsDefault4MiBIsServed() {
        RunFunctionRequest request = TestFleet.ofHosts(10_000).dpuSet("""
                nodeSelector: {matchLabels: {dpuplane.io/pool: edge}}
                bfbRef: {name: bf-bundle-2.9.1}
                flavorRef: {name: standard}
                dpuClusterRef: {name: edge}
                """).request();
        assertThat(request.getSerializedSize()).isGreaterThan(4 << 20);

        RunFunctionResponse response = function.runFunction(request).await().atMost(TIMEOUT);

        assertThat(response.getDesired().getResourcesMap()).hasSize(10_000);
    }

    @Test
    void reflectionListsBothFunctionServicesAndHealth() {
        ServerReflectionRequest listServices = ServerReflectionRequest.newBuilder().setListServices("").build();

        var services = reflection.serverReflectionInfo(Multi.createFrom().item(listServices))
                .collect().asList().await().atMost(TIMEOUT).get(0).getListServicesResponse().getServiceList();

        assertThat(services).extracting(ServiceResponse::getName).contains(
                "apiextensions.fn.proto.v1.FunctionRunnerService",
                "apiextensions.fn.proto.v1beta1.FunctionRunnerService", "grpc.health.v1.Health");
    }

    @Test
    void theHealthServiceReportsServing() {
        assertThat(health.check(HealthCheckRequest.getDefaultInstance()).await().atMost(TIMEOUT).getStatus())
                .isEqualTo(ServingStatus.SERVING);
    }

    @Test
    void prometheusMetricsOfTheGrpcServerAreServedOverHttp() throws Exception {
        function.runFunction(request("Nonexistent")).await().atMost(TIMEOUT);

        try (InputStream body = metrics.openStream()) {
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("grpc_server_processing_duration_seconds")
                    .contains("apiextensions.fn.proto.v1.FunctionRunnerService");
        }
    }
}
