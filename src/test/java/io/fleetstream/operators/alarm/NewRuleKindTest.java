package io.fleetstream.operators.alarm;

import static io.fleetstream.model.AlarmCommand.ACKNOWLEDGE;
import static io.fleetstream.model.AlarmCommand.SHELVE;
import static io.fleetstream.operators.alarm.AlarmHarness.MINUTE;
import static io.fleetstream.operators.alarm.AlarmHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.operators.alarm.rules.LatchKind;
import io.fleetstream.operators.alarm.rules.RuleSet;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

/**
 * A kind is one class: {@link LatchKind}, which the engine does not know, gets the lifecycle, ids, commands,
 * deadlines and checkpoints every built-in kind gets.
 */
class NewRuleKindTest {
    private static final RuleSet RULES = RuleSet.of(LatchKind.rule("latch", 5 * MINUTE));

    private static List<String> states(List<AlarmEvent> events) {
        List<String> out = new ArrayList<>();
        for (AlarmEvent e : events) {
            out.add(e.state + " " + (e.eventTime - T0) / MINUTE + " " + e.message);
        }
        return out;
    }

    @Test
    void aKindTheEngineDoesNotKnowRaisesAndClearsOnItsOwnDeadline() throws Exception {
        try (AlarmHarness h = new AlarmHarness(RULES.rules().get(0))) {
            h.read(T0, "fault", 0).read(T0 + MINUTE, "fault", 1).read(T0 + 3 * MINUTE, "fault", 1)
                    .read(T0 + 4 * MINUTE, "fault", 0).watermark(T0 + 20 * MINUTE);
            assertThat(states(h.alarms())).containsExactly("RAISED 1 fault", "CLEARED 8 no fault since "
                    + (T0 + 3 * MINUTE));
            assertThat(h.alarms().get(0).kind).isEqualTo("latch");
            assertThat(h.alarms().get(0).severity).isEqualTo("MAJOR");
            assertThat(h.alarms().get(1).alarmId).isEqualTo(h.alarms().get(0).alarmId);
        }
    }

    @Test
    void commandsActOnItsAlarmAsOnEveryKind() throws Exception {
        try (AlarmHarness h = new AlarmHarness(RULES.rules().get(0))) {
            h.read(T0, "fault", 1).command(T0 + MINUTE, ACKNOWLEDGE, null, 0)
                    .command(T0 + 2 * MINUTE, SHELVE, "latch", 10 * MINUTE)
                    .read(T0 + 3 * MINUTE, "fault", 1) // shelved: raises nothing
                    .read(T0 + 13 * MINUTE, "fault", 1)
                    .watermark(T0 + 30 * MINUTE);
            assertThat(states(h.alarms())).extracting(s -> s.substring(0, s.indexOf(' ', s.indexOf(' ') + 1)))
                    .containsExactly("RAISED 0", "ACKNOWLEDGED 1", "SHELVED 2", "RAISED 13", "CLEARED 18");
        }
    }

    @Test
    void itsStateSurvivesACheckpointAndARestoreOnRocksDb() throws Exception {
        OperatorSubtaskState snapshot;
        List<AlarmEvent> events = new ArrayList<>();
        try (AlarmHarness h = new AlarmHarness(new EmbeddedRocksDBStateBackend(), null, RULES)) {
            h.read(T0, "fault", 1).read(T0 + 2 * MINUTE, "fault", 1).watermark(T0 + 3 * MINUTE);
            events.addAll(h.alarms());
            snapshot = h.checkpoint(1, 1);
        }
        try (AlarmHarness h = new AlarmHarness(new EmbeddedRocksDBStateBackend(), snapshot, RULES)) {
            h.read(T0 + 4 * MINUTE, "fault", 0).watermark(T0 + 30 * MINUTE);
            events.addAll(h.alarms());
        }
        assertThat(states(events)).containsExactly("RAISED 0 fault", "CLEARED 7 no fault since "
                + (T0 + 2 * MINUTE));
    }
}
