package io.dpuplane.agent.dpu.ovs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OvsdbJsonTest {

    @Test
    void readsTheRowsOfEachSelectOfATransaction() {
        var tables = OvsdbJson.selected("""
                [{"rows":[{"_uuid":["uuid","u1"],"name":"br-sfc","ports":["uuid","p1"]}]},{"rows":[]}]
                """);
        assertThat(tables).hasSize(2);
        assertThat(OvsdbJson.string(tables.get(0).get(0).get("name"))).isEqualTo("br-sfc");
        assertThat(OvsdbJson.strings(tables.get(0).get(0).get("ports"))).containsExactly("p1");
        assertThat(tables.get(1)).isEmpty();
    }

    @Test
    void aFailedOperationIsAnErrorWithOvsdbsWords() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OvsdbJson.checkTransaction("""
                [{"count":1},{"details":"No column external_idsx in table Port.","error":"unknown column"}]
                """)).isInstanceOf(OvsException.class)
                .hasMessage("ovsdb: unknown column: No column external_idsx in table Port.");
    }

    @Test
    void readsEachTableAndTheOvsdbAtoms() {
        String out = """
                {"data":[[["uuid","b1"],"br-sfc","secure",["map",[["k","v"]]],["set",[["uuid","p1"],["uuid","p2"]]]]],"headings":["_uuid","name","fail_mode","external_ids","ports"]}
                {"data":[[["uuid","i1"],"pf0vf3",-1,"could not open network device pf0vf3 (No such device)",["set",[]]],[["uuid","i2"],"x",["set",[]],["set",[]],["uuid","p9"]]],"headings":["_uuid","name","ofport","error","mac_in_use"]}
                """;
        var tables = OvsdbJson.tables(out);
        assertThat(tables).hasSize(2);
        var bridge = tables.get(0).get(0);
        assertThat(OvsdbJson.string(bridge.get("name"))).isEqualTo("br-sfc");
        assertThat(OvsdbJson.map(bridge.get("external_ids"))).isEqualTo(Map.of("k", "v"));
        assertThat(OvsdbJson.strings(bridge.get("ports"))).isEqualTo(List.of("p1", "p2"));
        var failed = tables.get(1).get(0);
        assertThat(OvsdbJson.integer(failed.get("ofport"), 0)).isEqualTo(-1);
        assertThat(OvsdbJson.string(failed.get("error"))).contains("No such device");
        assertThat(OvsdbJson.string(failed.get("mac_in_use"))).isNull();
        var unset = tables.get(1).get(1);
        assertThat(OvsdbJson.integer(unset.get("ofport"), 0)).isZero();
        assertThat(OvsdbJson.strings(unset.get("mac_in_use"))).containsExactly("p9");
    }
}
