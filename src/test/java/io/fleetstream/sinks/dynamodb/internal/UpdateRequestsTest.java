package io.fleetstream.sinks.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

class UpdateRequestsTest {
    static DeviceUpdate update(String[] alarms, String group) {
        return new DeviceUpdate("reefer-0042", group, 1_763_633_730_250L, 1_763_633_740_000L,
                new String[] {"temp_c", "door_open"}, new double[] {3.9, 0}, new long[] {1_763_633_730_250L,
                    1_763_633_720_000L}, alarms);
    }

    @Test
    void setsEveryAttributeOnlyWhenTheStoredStateIsOlder() {
        UpdateItemRequest r = UpdateRequests.build("fleet-state", update(new String[] {"temp-high=WARNING"}, "reefers"),
                1_000L);

        assertThat(r.tableName()).isEqualTo("fleet-state");
        assertThat(r.key()).isEqualTo(Map.of("deviceId", AttributeValue.fromS("reefer-0042")));
        assertThat(r.updateExpression()).isEqualTo("SET #lastSeen = :lastSeen, #snapshotTime = :snapshotTime, "
                + "#deviceGroup = :deviceGroup, #metrics = :metrics, #metricTimes = :metricTimes, "
                + "#activeAlarms = :activeAlarms, #updatedAt = :updatedAt");
        assertThat(r.conditionExpression()).isEqualTo("attribute_not_exists(#lastSeen) OR #lastSeen < :lastSeen"
                + " OR (#lastSeen = :lastSeen AND #snapshotTime < :snapshotTime)");
        assertThat(r.expressionAttributeNames()).containsEntry("#lastSeen", "lastSeen")
                .containsEntry("#snapshotTime", "snapshotTime").containsEntry("#metrics", "metrics")
                .containsEntry("#activeAlarms", "activeAlarms").hasSize(7);
        Map<String, AttributeValue> v = r.expressionAttributeValues();
        assertThat(v.get(":lastSeen").n()).isEqualTo("1763633730250");
        assertThat(v.get(":snapshotTime").n()).isEqualTo("1763633740000");
        assertThat(v.get(":deviceGroup").s()).isEqualTo("reefers");
        assertThat(v.get(":metrics").m()).isEqualTo(Map.of("temp_c", AttributeValue.fromN("3.9"),
                "door_open", AttributeValue.fromN("0.0")));
        assertThat(v.get(":metricTimes").m()).isEqualTo(Map.of("temp_c", AttributeValue.fromN("1763633730250"),
                "door_open", AttributeValue.fromN("1763633720000")));
        assertThat(v.get(":activeAlarms").l()).containsExactly(AttributeValue.fromS("temp-high=WARNING"));
        assertThat(v.get(":updatedAt").n()).isEqualTo("1000");
    }

    @Test
    void removesActiveAlarmsWhenThereAreNoneAndTheGroupWhenUnknown() {
        UpdateItemRequest r = UpdateRequests.build("t", update(new String[0], null), 1L);

        assertThat(r.updateExpression()).endsWith(" REMOVE #deviceGroup, #activeAlarms")
                .doesNotContain(":activeAlarms").doesNotContain(":deviceGroup");
        assertThat(r.expressionAttributeValues()).doesNotContainKeys(":activeAlarms", ":deviceGroup");
        assertThat(r.expressionAttributeNames()).containsEntry("#activeAlarms", "activeAlarms")
                .containsEntry("#deviceGroup", "deviceGroup");
    }
}
