package io.dpuplane.provider;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(RealApiServerResource.class)
class ProviderHealthTest {

    @Test
    void readinessReportsTheSettingsItRunsWith() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'settings' }.data.pollInterval", equalTo("PT5S"))
                .body("checks.find { it.name == 'settings' }.data.maxReconcileRate", equalTo(10));
    }

    @Test
    void livenessReportsEveryManagedKindsControllerRunning() {
        given().when().get("/q/health/live").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'controllers' }.data.kinds",
                        equalTo("BFB,DPUFlavor,DPU,DPUCluster,DPUService,DPUServiceInterface,DPUServiceChain,DPUServiceIPAM"));
    }

    @Test
    void metricsAreServedInPrometheusFormatOnTheCrossplanePath() {
        given().when().get("/metrics").then()
                .statusCode(200)
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"));
    }
}
