package io.fleetstream.sinks.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.model.AnomalyEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamEventJsonTest {

    @Test
    void anAlarmIsOneJsonObjectWithEscapedTextAndNullsForWhatIsNotSet() {
        AlarmEvent a = new AlarmEvent();
        a.alarmId = "id-1";
        a.deviceId = "reefer-\"7\"";
        a.state = "RAISED";
        a.eventTime = 1_763_633_730_250L;
        a.raisedAt = 1_763_633_730_250L;
        assertThat(new String(new AlarmEventJson().serialize(a), StandardCharsets.UTF_8)).isEqualTo(
                "{\"alarm_id\":\"id-1\",\"device_id\":\"reefer-\\\"7\\\"\",\"device_group\":null,\"rule\":null,\"kind\":null,"
                        + "\"severity\":null,\"state\":\"RAISED\",\"event_time\":1763633730250,"
                        + "\"raised_at\":1763633730250,\"cleared_at\":null,\"values\":null,\"message\":null}");
    }

    @Test
    void scoresJsonCannotHoldAreWrittenAsNull() {
        AnomalyEvent a = new AnomalyEvent();
        a.deviceId = "pump-1";
        a.deviceGroup = "pumps";
        a.eventTime = 5;
        a.score = Double.NaN;
        a.grade = 0.5;
        a.attributionMetrics = new String[] {"rpm", "temp"};
        a.attributionShares = new double[] {Double.POSITIVE_INFINITY, 0.25};
        assertThat(new String(new AnomalyEventJson().serialize(a), StandardCharsets.UTF_8)).isEqualTo(
                "{\"device_id\":\"pump-1\",\"device_group\":\"pumps\",\"event_time\":5,\"score\":null,"
                        + "\"grade\":0.5,\"attribution\":{\"rpm\":null,\"temp\":0.25}}");
    }
}
