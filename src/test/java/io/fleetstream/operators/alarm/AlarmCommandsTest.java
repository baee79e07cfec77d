package io.fleetstream.operators.alarm;

import static io.fleetstream.model.AlarmCommand.ACKNOWLEDGE;
import static io.fleetstream.model.AlarmCommand.RESET;
import static io.fleetstream.model.AlarmCommand.SHELVE;
import static io.fleetstream.operators.alarm.AlarmHarness.MINUTE;
import static io.fleetstream.operators.alarm.AlarmHarness.SECOND;
import static io.fleetstream.operators.alarm.AlarmHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.AlarmEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlarmCommandsTest {

    private static AlarmHarness hot(long minutes) throws Exception {
        AlarmHarness h = new AlarmHarness(TestRules.temperatureHigh(), TestRules.doorOpen());
        h.series(T0, T0 + minutes * MINUTE, "temp_c", t -> 9);
        return h;
    }

    private static List<String> lifecycle(AlarmHarness h) {
        return h.alarms().stream().map(a -> a.state + " " + a.rule + " " + (a.eventTime - T0) / SECOND)
                .collect(java.util.stream.Collectors.toList());
    }

    @Test
    void acknowledgingKeepsTheAlarmActiveAndRecordsWho() throws Exception {
        try (AlarmHarness h = hot(20)) {
            h.command(T0 + 10 * MINUTE, ACKNOWLEDGE, "temperature-high", 0)
                    .command(T0 + 11 * MINUTE, ACKNOWLEDGE, "temperature-high", 0)
                    .watermark(T0 + 20 * MINUTE);
            List<AlarmEvent> alarms = h.alarms();
            assertThat(lifecycle(h)).containsExactly("RAISED temperature-high 300", "ACKNOWLEDGED temperature-high 600");
            assertThat(alarms.get(1).alarmId).isEqualTo(alarms.get(0).alarmId);
            assertThat(alarms.get(1).clearedAt).isNull();
            assertThat(alarms.get(1).message).isEqualTo("acknowledged by alice");
        }
    }

    @Test
    void anEscalationNeedsAFreshAcknowledgement() throws Exception {
        try (AlarmHarness h = hot(6)) {
            h.command(T0 + 6 * MINUTE, ACKNOWLEDGE, null, 0)
                    .series(T0 + 6 * MINUTE, T0 + 12 * MINUTE, "temp_c", t -> 13)
                    .command(T0 + 12 * MINUTE, ACKNOWLEDGE, null, 0)
                    .watermark(T0 + 12 * MINUTE);
            assertThat(lifecycle(h)).containsExactly("RAISED temperature-high 300",
                    "ACKNOWLEDGED temperature-high 360", "ESCALATED temperature-high 660",
                    "ACKNOWLEDGED temperature-high 720");
        }
    }

    @Test
    void shelvingClosesTheAlarmAndSilencesTheRuleUntilTheShelfTimeEnds() throws Exception {
        try (AlarmHarness h = hot(60)) {
            h.command(T0 + 10 * MINUTE, SHELVE, "temperature-high", 30 * MINUTE).watermark(T0 + 60 * MINUTE);
            List<AlarmEvent> alarms = h.alarms();
            // Back from the shelf at minute 40, the condition must hold its 5 minutes again: a new alarm.
            assertThat(lifecycle(h)).containsExactly("RAISED temperature-high 300", "SHELVED temperature-high 600",
                    "RAISED temperature-high 2700");
            assertThat(alarms.get(1).clearedAt).isEqualTo(T0 + 10 * MINUTE);
            assertThat(alarms.get(1).message).startsWith("shelved until ");
            assertThat(alarms.get(2).alarmId).isNotEqualTo(alarms.get(0).alarmId);
        }
    }

    @Test
    void resetClearsAndTheRuleRaisesAgainIfTheConditionStillHolds() throws Exception {
        try (AlarmHarness h = hot(20)) {
            h.command(T0 + 10 * MINUTE, RESET, null, 0).watermark(T0 + 20 * MINUTE);
            // The reading at minute 10 goes before the command given then; the condition holds anew from 10:10.
            assertThat(lifecycle(h)).containsExactly("RAISED temperature-high 300", "CLEARED temperature-high 600",
                    "RAISED temperature-high 910");
            assertThat(h.alarms().get(1).message).isEqualTo("reset by alice");
        }
    }

    @Test
    void aCommandAppliesAtItsEventTimeEvenWhenItArrivesBeforeTheReadings() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.temperatureHigh())) {
            h.read(T0 - MINUTE, "temp_c", 4)
                    .command(T0 + 3 * MINUTE, SHELVE, null, 10 * MINUTE)
                    .series(T0, T0 + 20 * MINUTE, "temp_c", t -> 9)
                    .watermark(T0 + 20 * MINUTE);
            // Shelved from minute 3 to 13 before the 5 minutes were up; held again from 13: raised at 18.
            assertThat(lifecycle(h)).containsExactly("RAISED temperature-high 1080");
        }
    }

    @Test
    void aCommandNamingAnAlarmTouchesOnlyThatAlarm() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.temperatureHigh(), TestRules.doorOpen())) {
            for (long t = T0; t < T0 + 20 * MINUTE; t += 10 * SECOND) {
                h.read(t, "temp_c", 9, "door_open", 1);
            }
            h.watermark(T0 + 16 * MINUTE);
            String doorAlarm = h.alarms().stream().filter(a -> a.rule.equals("door-open")).findFirst().get().alarmId;
            io.fleetstream.model.AlarmCommand c = new io.fleetstream.model.AlarmCommand();
            c.command = ACKNOWLEDGE;
            c.deviceId = AlarmHarness.DEVICE;
            c.alarmId = doorAlarm;
            c.eventTime = T0 + 17 * MINUTE;
            h.harness.processElement2(AlarmInput.command(c), c.eventTime);
            h.watermark(T0 + 20 * MINUTE);
            assertThat(lifecycle(h)).containsExactly("RAISED temperature-high 300", "RAISED door-open 900",
                    "ACKNOWLEDGED door-open 1020");
        }
    }

    @Test
    void aLateCommandAppliesFromTheDevicesClockAndACommandForAnUnknownDeviceIsIgnored() throws Exception {
        try (AlarmHarness h = hot(20)) {
            h.watermark(T0 + 15 * MINUTE).command(T0 + MINUTE, ACKNOWLEDGE, null, 0).watermark(T0 + 16 * MINUTE);
            assertThat(lifecycle(h)).containsExactly("RAISED temperature-high 300", "ACKNOWLEDGED temperature-high 900");
            io.fleetstream.model.AlarmCommand c = new io.fleetstream.model.AlarmCommand();
            c.command = RESET;
            c.deviceId = "nobody";
            c.eventTime = T0 + 16 * MINUTE;
            h.harness.processElement2(AlarmInput.command(c), c.eventTime);
            h.watermark(T0 + 17 * MINUTE);
            assertThat(h.stateEntries()).as("nothing kept for the unknown device").isEqualTo(2);
        }
    }

    @Test
    void aCommandThatArrivesBeforeTheDevicesFirstReadingStillApplies() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.temperatureHigh())) {
            h.command(T0 + 8 * MINUTE, SHELVE, null, 60 * MINUTE)
                    .series(T0, T0 + 20 * MINUTE, "temp_c", t -> 9)
                    .watermark(T0 + 20 * MINUTE);
            assertThat(lifecycle(h)).containsExactly("RAISED temperature-high 300", "SHELVED temperature-high 480");
        }
    }

    @Test
    void aDeviceThatWentSilentWhileShelvedIsOfflineWhenTheShelfTimeEnds() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.offline(0))) {
            h.read(T0, "temp_c", 3).command(T0 + MINUTE, SHELVE, "offline", 30 * MINUTE).watermark(T0 + 40 * MINUTE);
            assertThat(lifecycle(h)).containsExactly("RAISED offline 1860");
        }
    }
}
