package io.fleetstream.sinks.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.AlarmEvent;
import org.junit.jupiter.api.Test;

class AlarmStreamKeyTest {
    private static AlarmEvent alarm(String deviceId, String group) {
        AlarmEvent e = new AlarmEvent();
        e.deviceId = deviceId;
        e.deviceGroup = group;
        return e;
    }

    @Test
    void aDevicesAlarmIsKeyedByTheDeviceAndAFleetAlarmByItsGroup() {
        assertThat(StreamFormat.ALARMS.key(alarm("reefer-01", "reefers-west"))).isEqualTo("reefer-01");
        assertThat(StreamFormat.ALARMS.key(alarm("", "reefers-west"))).isEqualTo("reefers-west");
    }
}
