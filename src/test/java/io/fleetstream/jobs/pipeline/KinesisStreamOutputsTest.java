package io.fleetstream.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.model.AlarmEvent;
import io.fleetstream.model.AnomalyEvent;
import io.fleetstream.testing.KinesisMock;
import io.fleetstream.testing.Pipelines;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.model.Record;

/** Alarm and anomaly events through the Kinesis streams sink into kinesis-mock, read back with GetRecords. */
class KinesisStreamOutputsTest {
    @RegisterExtension
    static final KinesisMock KINESIS = new KinesisMock();

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void alarmAndAnomalyEventsLandAsJsonWithTheLakeColumnNamesKeyedByDevice() throws Exception {
        String alarmsArn = KINESIS.server().createStream("fleet-alarms", 2);
        String anomaliesArn = KINESIS.server().createStream("fleet-anomalies", 1);
        List<AlarmEvent> alarms = new ArrayList<>();
        List<AnomalyEvent> anomalies = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            alarms.add(alarm(i));
        }
        for (int i = 0; i < 8; i++) {
            anomalies.add(anomaly(i));
        }

        Map<String, String> options = new HashMap<>(KINESIS.server().options());
        options.put("alarms.stream.type", "kinesis");
        options.put("alarms.stream.kinesis.stream-arn", alarmsArn);
        options.put("anomalies.stream.type", "kinesis");
        options.put("anomalies.stream.kinesis.stream-arn", anomaliesArn);
        options.put("flink.parallelism.default", "2");
        FleetConfig cfg = Pipelines.config(options);
        StreamExecutionEnvironment env = Environments.create(cfg);
        StreamOutputs.alarms(env.fromData(alarms, TypeInformation.of(AlarmEvent.class)), cfg);
        StreamOutputs.anomalies(env.fromData(anomalies, TypeInformation.of(AnomalyEvent.class)), cfg);
        env.execute("stream-outputs-test");

        List<Map<String, Object>> expectedAlarms = new ArrayList<>();
        alarms.forEach(a -> expectedAlarms.add(alarmJson(a)));
        assertThat(readBack(alarmsArn)).containsExactlyInAnyOrderElementsOf(expectedAlarms);

        List<Map<String, Object>> expectedAnomalies = new ArrayList<>();
        anomalies.forEach(a -> expectedAnomalies.add(anomalyJson(a)));
        assertThat(readBack(anomaliesArn)).containsExactlyInAnyOrderElementsOf(expectedAnomalies);
    }

    /** Every record of the stream as a JSON object, after checking its partition key is its device id. */
    private static List<Map<String, Object>> readBack(String arn) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Record r : KINESIS.server().readAll(arn)) {
            Map<String, Object> json = JSON.readValue(r.data().asByteArray(), new TypeReference<>() {});
            assertThat(r.partitionKey()).isEqualTo(json.get("device_id"));
            out.add(json);
        }
        return out;
    }

    private static AlarmEvent alarm(int i) {
        AlarmEvent a = new AlarmEvent();
        a.alarmId = "alarm-" + i / 2;
        a.deviceId = "reefer-" + i % 6;
        a.deviceGroup = "reefers-west";
        a.rule = "reefer-temperature-high";
        a.kind = "threshold";
        a.severity = i % 3 == 0 ? "CRITICAL" : "WARNING";
        a.state = i % 2 == 0 ? "RAISED" : "CLEARED";
        a.raisedAt = 1_763_633_730_250L + i / 2 * 60_000L;
        a.eventTime = a.raisedAt + (i % 2) * 300_000L;
        a.clearedAt = i % 2 == 0 ? null : a.eventTime;
        a.values = "temp_c=" + (8 + i / 10.0) + " setpoint_c=3.0";
        a.message = "temp_c above 8 for 5m: \"door open?\"";
        return a;
    }

    private static AnomalyEvent anomaly(int i) {
        AnomalyEvent a = new AnomalyEvent();
        a.deviceId = "pump-" + i % 3;
        a.deviceGroup = "pumps-north";
        a.eventTime = 1_763_633_730_250L + i * 10_000L;
        a.score = 2.5 + i / 8.0;
        a.grade = i / 8.0 + 0.0625;
        a.attributionMetrics = new String[] {"vibration_mm_s", "temperature_c"};
        a.attributionShares = new double[] {0.75, 0.25};
        return a;
    }

    private static Map<String, Object> alarmJson(AlarmEvent a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alarm_id", a.alarmId);
        m.put("device_id", a.deviceId);
        m.put("device_group", a.deviceGroup);
        m.put("rule", a.rule);
        m.put("kind", a.kind);
        m.put("severity", a.severity);
        m.put("state", a.state);
        m.put("event_time", a.eventTime);
        m.put("raised_at", a.raisedAt);
        m.put("cleared_at", a.clearedAt);
        m.put("values", a.values);
        m.put("message", a.message);
        return m;
    }

    private static Map<String, Object> anomalyJson(AnomalyEvent a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device_id", a.deviceId);
        m.put("device_group", a.deviceGroup);
        m.put("event_time", a.eventTime);
        m.put("score", a.score);
        m.put("grade", a.grade);
        m.put("attribution", Map.of("vibration_mm_s", 0.75, "temperature_c", 0.25));
        return m;
    }
}
