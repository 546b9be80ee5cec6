package io.dpuplane.functions.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Struct;
import io.dpuplane.apis.crossplane.Reference;
import io.dpuplane.apis.provisioning.v1alpha1.DPUParameters;
import io.dpuplane.apis.provisioning.v1alpha1.NodeDrain;
import io.dpuplane.apis.provisioning.v1alpha1.NodeEffect;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StructsTest {

    @Test
    void apiTypesRoundTripThroughAStructWithoutNullFields() {
        DPUParameters parameters = new DPUParameters("worker-1", null, new Reference("worker-1-03-00-0"),
                new Reference("bf-bundle-2.9.1"), new Reference("standard"), new Reference("edge"),
                new NodeEffect(null, null, null, new NodeDrain("10m")), Map.of("role", "edge"));

        Struct struct = Structs.of(parameters);

        assertThat(struct.getFieldsMap()).doesNotContainKey("pciAddress");
        assertThat(Structs.read(struct, DPUParameters.class)).isEqualTo(parameters);
    }

    @Test
    void wholeNumbersReadBackAsIntegersNotDoubles() {
        Struct struct = Struct.newBuilder().putFields("generation", Structs.number(7))
                .putFields("ratio", Structs.number(0.5)).build();

        assertThat(Structs.toJson(struct).get("generation").isInt()).isTrue();
        assertThat(Structs.toJson(struct).get("ratio").asDouble()).isEqualTo(0.5);
    }

    @Test
    void unreadableObjectsNameTheTypeAndTheProblem() {
        Struct struct = Struct.newBuilder().putFields("hostNode", Structs.struct(Struct.getDefaultInstance())).build();

        assertThatThrownBy(() -> Structs.read(struct, DPUParameters.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read DPUParameters");
    }
}
