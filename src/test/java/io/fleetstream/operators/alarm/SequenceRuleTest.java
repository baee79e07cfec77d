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
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Sequence rules in the alarm operator: CEP's completions raise, the readings clear, and the lifecycle (ids,
 * commands, events) is every kind's.
 */
class SequenceRuleTest {
    private static List<String> events(AlarmHarness h) {
        return h.newAlarms().stream().map(a -> a.rule + " " + a.state + " " + a.severity + " "
                + (a.eventTime - T0) / SECOND).collect(Collectors.toList());
    }

    @Test
    void raisesAtTheCompletionOnceWhileActiveAndClearsWhenTheLastStepStopsHoldingForClearFor() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.doorThenWarm())) {
            h.read(T0, "door_open", 1, "temp_c", 4).read(T0 + 5 * MINUTE, "temp_c", 9).sequence(T0 + 5 * MINUTE,
                    "door-then-warm");
            h.read(T0 + 6 * MINUTE, "temp_c", 9).sequence(T0 + 6 * MINUTE, "door-then-warm");
            h.read(T0 + 7 * MINUTE, "temp_c", 4).read(T0 + 7 * MINUTE + 30 * SECOND, "temp_c", 9)
                    .read(T0 + 8 * MINUTE, "temp_c", 4).watermark(T0 + 20 * MINUTE);
            List<AlarmEvent> all = h.alarms();
            assertThat(events(h)).containsExactly("door-then-warm RAISED MAJOR 300", "door-then-warm CLEARED MAJOR 540");
            assertThat(all.get(0).kind).isEqualTo("sequence");
            assertThat(all.get(0).message).isEqualTo("door_open == 1, then temp_c > 8, within 10m (matched at "
                    + (T0 + 5 * MINUTE) + ")");
            assertThat(all.get(0).values).isEqualTo("door_open=1.0 temp_c=9.0");
            assertThat(all.get(1).alarmId).isEqualTo(all.get(0).alarmId);
            assertThat(all.get(1).message).isEqualTo("cleared: temp_c > 8 no longer holding for 1m"
                    + " (door_open=1.0 temp_c=4.0)");
        }
    }

    @Test
    void anAbsentStepsAlarmClearsAtTheFirstReadingThatMeetsIt() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.doorLeftOpen())) {
            h.read(T0, "door_open", 1).read(T0 + 9 * MINUTE, "door_open", 1).sequence(T0 + 10 * MINUTE,
                    "door-left-open");
            h.read(T0 + 11 * MINUTE, "door_open", 1).read(T0 + 12 * MINUTE, "door_open", 0)
                    .watermark(T0 + 20 * MINUTE);
            assertThat(events(h)).containsExactly("door-left-open RAISED WARNING 600",
                    "door-left-open CLEARED WARNING 720");
        }
    }

    @Test
    void aCompletionThatOvertakesItsReadingWaitsForItAndAppliesAfterIt() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.doorThenWarm())) {
            // on the other input, the completion may come before the device's first reading reaches the operator
            h.sequence(T0 + MINUTE, "door-then-warm").read(T0, "door_open", 1).read(T0 + MINUTE, "temp_c", 9)
                    .watermark(T0 + 2 * MINUTE);
            assertThat(events(h)).containsExactly("door-then-warm RAISED MAJOR 60");
        }
    }

    @Test
    void commandsActOnSequenceAlarmsAsOnAnyOther() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.doorThenWarm())) {
            h.read(T0, "door_open", 1, "temp_c", 9).sequence(T0 + MINUTE, "door-then-warm")
                    .command(T0 + 2 * MINUTE, ACKNOWLEDGE, null, 0)
                    .command(T0 + 3 * MINUTE, SHELVE, "door-then-warm", 10 * MINUTE)
                    .sequence(T0 + 4 * MINUTE, "door-then-warm") // shelved: nothing
                    .read(T0 + 20 * MINUTE, "temp_c", 9)
                    .command(T0 + 21 * MINUTE, RESET, null, 0) // nothing active: nothing to reset
                    .sequence(T0 + 22 * MINUTE, "door-then-warm")
                    .watermark(T0 + 23 * MINUTE);
            List<AlarmEvent> all = h.alarms();
            assertThat(events(h)).containsExactly("door-then-warm RAISED MAJOR 60",
                    "door-then-warm ACKNOWLEDGED MAJOR 120", "door-then-warm SHELVED MAJOR 180",
                    "door-then-warm RAISED MAJOR 1320");
            assertThat(all.get(3).alarmId).isNotEqualTo(all.get(0).alarmId);
        }
    }
}
