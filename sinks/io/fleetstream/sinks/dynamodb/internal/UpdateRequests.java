package io.fleetstream.sinks.dynamodb.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The conditional UpdateItem that writes one device's state. The condition lets a write land only when the table
 * holds no state of the device or an older one, by {@code (lastSeen, snapshotTime)}; so retries, replays,
 * concurrent batches and out-of-order input can never move a device backwards, and writing the same state twice
 * is a no-op.
 */
public final class UpdateRequests {
    private UpdateRequests() {}

    public static final String DEVICE_ID = "deviceId";
    public static final String DEVICE_GROUP = "deviceGroup";
    public static final String LAST_SEEN = "lastSeen";
    public static final String SNAPSHOT_TIME = "snapshotTime";
    public static final String METRICS = "metrics";
    public static final String METRIC_TIMES = "metricTimes";
    public static final String ACTIVE_ALARMS = "activeAlarms";
    public static final String UPDATED_AT = "updatedAt";

    public static final String CONDITION = "attribute_not_exists(#lastSeen) OR #lastSeen < :lastSeen"
            + " OR (#lastSeen = :lastSeen AND #snapshotTime < :snapshotTime)";

    /** @param now wall-clock time of the write, for {@code updatedAt} (informational, never compared) */
    public static UpdateItemRequest build(String table, DeviceUpdate u, long now) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();

        set(set, names, values, LAST_SEEN, number(u.lastSeen));
        set(set, names, values, SNAPSHOT_TIME, number(u.snapshotTime));
        if (u.deviceGroup == null) {
            remove(remove, names, DEVICE_GROUP);
        } else {
            set(set, names, values, DEVICE_GROUP, AttributeValue.fromS(u.deviceGroup));
        }
        Map<String, AttributeValue> metrics = new LinkedHashMap<>();
        Map<String, AttributeValue> times = new LinkedHashMap<>();
        for (int i = 0; i < u.metrics.length; i++) {
            metrics.put(u.metrics[i], AttributeValue.fromN(Double.toString(u.values[i])));
            times.put(u.metrics[i], number(u.metricTimes[i]));
        }
        set(set, names, values, METRICS, AttributeValue.fromM(metrics));
        set(set, names, values, METRIC_TIMES, AttributeValue.fromM(times));
        if (u.activeAlarms.length == 0) {
            // DynamoDB keeps no empty sets, and "no alarms" reads best as no attribute.
            remove(remove, names, ACTIVE_ALARMS);
        } else {
            List<AttributeValue> alarms = new ArrayList<>(u.activeAlarms.length);
            Arrays.stream(u.activeAlarms).forEach(a -> alarms.add(AttributeValue.fromS(a)));
            set(set, names, values, ACTIVE_ALARMS, AttributeValue.fromL(alarms));
        }
        set(set, names, values, UPDATED_AT, number(now));

        String expression = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        return UpdateItemRequest.builder()
                .tableName(table)
                .key(Map.of(DEVICE_ID, AttributeValue.fromS(u.deviceId)))
                .updateExpression(expression)
                .conditionExpression(CONDITION)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }

    // Every attribute goes through a #name: no attribute can collide with DynamoDB's reserved words.
    private static void set(List<String> set, Map<String, String> names, Map<String, AttributeValue> values,
            String attribute, AttributeValue value) {
        names.put("#" + attribute, attribute);
        values.put(":" + attribute, value);
        set.add("#" + attribute + " = :" + attribute);
    }

    private static void remove(List<String> remove, Map<String, String> names, String attribute) {
        names.put("#" + attribute, attribute);
        remove.add("#" + attribute);
    }

    private static AttributeValue number(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
