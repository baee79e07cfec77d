package io.fleetstream.operators.alarm.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.model.AlarmCommand;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandParserTest {

    private static AlarmCommand parse(String json) throws Exception {
        return CommandParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAShelveCommand() throws Exception {
        AlarmCommand c = parse("{\"command\":\"shelve\",\"deviceId\":\"reefer-0042\",\"rule\":\"reefer-door-open\","
                + "\"timestamp\":\"2025-11-20T10:00:00Z\",\"shelveFor\":\"2h\",\"user\":\"alice\",\"note\":\"unloading\","
                + "\"ticket\":{\"id\":7}}");
        assertThat(c.command).isEqualTo(AlarmCommand.SHELVE);
        assertThat(c.deviceId).isEqualTo("reefer-0042");
        assertThat(c.rule).isEqualTo("reefer-door-open");
        assertThat(c.alarmId).isNull();
        assertThat(c.eventTime).isEqualTo(1_763_632_800_000L);
        assertThat(c.shelveForMillis).isEqualTo(7_200_000L);
        assertThat(c.user).isEqualTo("alice");
        assertThat(c.note).isEqualTo("unloading");
    }

    @Test
    void readsAnAcknowledgementOfOneAlarmWithAnEpochTimestamp() throws Exception {
        AlarmCommand c = parse("{\"command\":\"ACKNOWLEDGE\",\"deviceId\":\"d\",\"alarmId\":\"a-1\","
                + "\"timestamp\":1763632800000}");
        assertThat(c.alarmId).isEqualTo("a-1");
        assertThat(c.eventTime).isEqualTo(1_763_632_800_000L);
    }

    @Test
    void rejectsWhatIsNotACommandWithAReason() {
        assertThatThrownBy(() -> parse("{\"command\":\"SNOOZE\",\"deviceId\":\"d\",\"timestamp\":1763632800000}"))
                .hasMessageContaining("ACKNOWLEDGE, SHELVE, RESET").hasMessageContaining("SNOOZE");
        assertThatThrownBy(() -> parse("{\"command\":\"RESET\",\"timestamp\":1763632800000}"))
                .hasMessageContaining("deviceId");
        assertThatThrownBy(() -> parse("{\"command\":\"RESET\",\"deviceId\":\"d\"}")).hasMessageContaining("timestamp");
        assertThatThrownBy(() -> parse("{\"command\":\"SHELVE\",\"deviceId\":\"d\",\"timestamp\":1763632800000}"))
                .hasMessageContaining("shelveFor");
        assertThatThrownBy(() -> parse("{\"command\":\"SHELVE\",\"deviceId\":\"d\",\"timestamp\":1763632800000,"
                + "\"shelveFor\":\"soon\"}")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> parse("{\"command\":\"RESET\",\"deviceId\":\"d\",\"timestamp\":\"yesterday\"}"))
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> parse("{\"command\":\"RESET\",\"deviceId\":\"d\",\"timestamp\":5}"))
                .hasMessageContaining("'timestamp' 5 is before 2000-01-01T00:00:00Z");
        assertThatThrownBy(() -> parse("{\"command\":\"RESET\",\"deviceId\":7,\"timestamp\":1763632800000}"))
                .hasMessageContaining("'deviceId' must be a string");
        assertThatThrownBy(() -> parse("{\"command\":")).hasMessageContaining("malformed JSON");
        assertThatThrownBy(() -> parse("[1]")).hasMessageContaining("JSON object");
    }
}
