package io.fleetstream.operators.alarm.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.model.AlarmCommand;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandParserTest {

    private static CommandParser.Parsed read(String json) throws Exception {
        return CommandParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static AlarmCommand parse(String json) throws Exception {
        CommandParser.Parsed p = read(json);
        assertThat(p.deviceGroup).as("a device's command").isNull();
        return p.command;
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
                .hasMessage("'deviceId' (a device's alarms) or 'deviceGroup' without 'deviceId' (the group's fleet "
                        + "alarms) is required");
        assertThatThrownBy(() -> parse("{\"command\":\"RESET\",\"deviceId\":\"\",\"deviceGroup\":\"\","
                + "\"timestamp\":1763632800000}")).hasMessageContaining("'deviceGroup' without 'deviceId'");
        assertThatThrownBy(() -> parse("{\"command\":\"RESET\",\"deviceGroup\":[\"g\"],\"timestamp\":1}"))
                .hasMessageContaining("'deviceGroup' must be a string");
        assertThatThrownBy(() -> parse("{\"command\":\"ACKNOWLEDGE\",\"deviceGroup\":\"g\",\"shelveFor\":\"2h\","
                + "\"timestamp\":1763632800000}")).hasMessageContaining("'shelveFor' only goes with SHELVE");
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

    @Test
    void readsACommandOnAGroupsFleetAlarmByGroupAndRule() throws Exception {
        CommandParser.Parsed p = read("{\"command\":\"SHELVE\",\"deviceGroup\":\"reefers-west\",\"rule\":"
                + "\"site-down\",\"timestamp\":\"2025-11-20T10:00:00Z\",\"shelveFor\":\"2h\",\"user\":\"bob\"}");
        assertThat(p.deviceGroup).isEqualTo("reefers-west");
        assertThat(p.command.deviceId).isNull();
        assertThat(p.command.rule).isEqualTo("site-down");
        assertThat(p.command.command).isEqualTo(AlarmCommand.SHELVE);
        assertThat(p.command.shelveForMillis).isEqualTo(7_200_000L);
        assertThat(p.command.user).isEqualTo("bob");
    }

    @Test
    void readsACommandOnAFleetAlarmByIdAsItsEventCarriesIt() throws Exception {
        // a fleet alarm's event has an empty device_id: a command copied from it addresses the group
        CommandParser.Parsed p = read("{\"command\":\"RESET\",\"deviceId\":\"\",\"deviceGroup\":\"g\","
                + "\"alarmId\":\"a-1\",\"timestamp\":1763632800000}");
        assertThat(p.deviceGroup + " " + p.command.deviceId + " " + p.command.alarmId).isEqualTo("g null a-1");
    }

    @Test
    void aCommandNamingADeviceStaysTheDevicesWhateverGroupItNames() throws Exception {
        AlarmCommand c = parse("{\"command\":\"RESET\",\"deviceId\":\"d\",\"deviceGroup\":\"g\","
                + "\"timestamp\":1763632800000}");
        assertThat(c.deviceId).isEqualTo("d");
    }
}
