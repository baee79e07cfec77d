package io.fleetstream.operators.alarm.fleet;

import static io.fleetstream.model.AlarmCommand.ACKNOWLEDGE;
import static io.fleetstream.model.AlarmCommand.RESET;
import static io.fleetstream.model.AlarmCommand.SHELVE;
import static io.fleetstream.operators.alarm.fleet.FleetHarness.GROUP;
import static io.fleetstream.operators.alarm.fleet.FleetHarness.MINUTE;
import static io.fleetstream.operators.alarm.fleet.FleetHarness.SECOND;
import static io.fleetstream.operators.alarm.fleet.FleetHarness.T0;
import static io.fleetstream.operators.alarm.fleet.FleetHarness.covered;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.operators.alarm.Transitions;
import io.fleetstream.operators.alarm.fleet.FleetHarness.Step;
import io.fleetstream.operators.alarm.rules.Fleet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Operators' commands on a group's fleet alarms: the per-device lifecycle, over a group. */
class FleetCommandsTest {
    private static final String FEW = "{name: few, kind: fleet, of: device-offline, count: 3, clear-below: 2,"
            + " clear-for: 5m, severity: MAJOR}";
    private static final String MANY = "{name: many, kind: fleet, of: device-offline, count: 4}";

    static Stream<StateBackend> backends() {
        return Stream.of(new HashMapStateBackend(), new EmbeddedRocksDBStateBackend());
    }

    private static FleetHarness harness(String... rules) throws Exception {
        return new FleetHarness(new HashMapStateBackend(), null, FleetHarness.fleets(rules));
    }

    /** The fleet alarms' lifecycle, e.g. {@code few ACKNOWLEDGED 02:00}. */
    private static List<String> lifecycle(List<AlarmEvent> events) {
        return fleet(events).stream().map(e -> e.rule + " " + e.state + " " + FleetHarness.clock(e.eventTime))
                .collect(Collectors.toList());
    }

    private static List<AlarmEvent> fleet(List<AlarmEvent> events) {
        return events.stream().filter(e -> e.deviceId.isEmpty()).collect(Collectors.toList());
    }

    /** Three of the group's devices go offline at {@code t}: {@code few} is raised then. */
    private static FleetHarness threeDown(FleetHarness h, long t) throws Exception {
        return h.offline("a", t).offline("b", t).offline("c", t);
    }

    @Test
    void acknowledgesAFleetAlarmByGroupAndRule() throws Exception {
        try (FleetHarness h = harness(FEW)) {
            threeDown(h, T0).watermark(T0 + MINUTE);
            AlarmEvent raised = fleet(h.fresh()).get(0);
            h.command(T0 + 2 * MINUTE, ACKNOWLEDGE, "few", null, 0)
                    .command(T0 + 3 * MINUTE, ACKNOWLEDGE, "few", null, 0)
                    .offline("d", T0 + 4 * MINUTE).watermark(T0 + 5 * MINUTE);
            List<AlarmEvent> events = h.fresh();
            assertThat(lifecycle(events)).as("a second acknowledgement adds nothing")
                    .containsExactly("few ACKNOWLEDGED 02:00");
            AlarmEvent ack = fleet(events).get(0);
            assertThat(ack.alarmId).isEqualTo(raised.alarmId);
            assertThat(ack.deviceGroup).isEqualTo(GROUP);
            assertThat(ack.kind).isEqualTo("fleet");
            assertThat(ack.severity).isEqualTo("MAJOR");
            assertThat(ack.raisedAt).isEqualTo(T0);
            assertThat(ack.clearedAt).isNull();
            assertThat(ack.values).isEqualTo("devices=3: a b c");
            assertThat(ack.message).isEqualTo("acknowledged by alice: on it");
            assertThat(covered(events)).as("still active: the next device is covered").containsExactly("d RAISED");
        }
    }

    @Test
    void aCommandNamingAFleetAlarmByItsIdTouchesOnlyThatAlarm() throws Exception {
        try (FleetHarness h = harness(FEW, MANY)) {
            threeDown(h, T0).offline("d", T0 + MINUTE).watermark(T0 + 2 * MINUTE);
            String many = fleet(h.fresh()).get(1).alarmId;
            assertThat(many).isEqualTo(Transitions.groupAlarmId(GROUP, "many", T0 + MINUTE));
            h.command(T0 + 3 * MINUTE, ACKNOWLEDGE, null, many, 0)
                    .command(T0 + 4 * MINUTE, RESET, null, "no-such-alarm", 0)
                    .command(T0 + 5 * MINUTE, RESET, "device-offline", null, 0)
                    .watermark(T0 + 6 * MINUTE);
            List<AlarmEvent> events = h.fresh();
            assertThat(lifecycle(events)).as("an id or a rule the group's fleet alarms do not have: nothing")
                    .containsExactly("many ACKNOWLEDGED 03:00");
            assertThat(events.get(0).alarmId).isEqualTo(many);
        }
    }

    @Test
    void aCommandWithNeitherRuleNorIdAddressesEveryFleetAlarmOfTheGroup() throws Exception {
        try (FleetHarness h = harness(FEW, MANY)) {
            threeDown(h, T0).offline("d", T0 + MINUTE).command(T0 + 2 * MINUTE, ACKNOWLEDGE, null, null, 0)
                    .watermark(T0 + 3 * MINUTE);
            assertThat(lifecycle(h.all())).containsExactly("few RAISED 00:00", "many RAISED 01:00",
                    "few ACKNOWLEDGED 02:00", "many ACKNOWLEDGED 02:00");
        }
    }

    @Test
    void shelvedFleetAlarmRaisesNoEventsUntilTheShelfEnds() throws Exception {
        try (FleetHarness h = harness(FEW)) {
            threeDown(h, T0).watermark(T0 + MINUTE);
            AlarmEvent raised = fleet(h.fresh()).get(0);
            h.command(T0 + 2 * MINUTE, SHELVE, "few", null, 30 * MINUTE).watermark(T0 + 3 * MINUTE);
            List<AlarmEvent> shelving = h.fresh();
            assertThat(lifecycle(shelving)).containsExactly("few SHELVED 02:00");
            AlarmEvent shelved = shelving.get(0);
            assertThat(shelved.alarmId).isEqualTo(raised.alarmId);
            assertThat(shelved.clearedAt).isEqualTo(T0 + 2 * MINUTE);
            assertThat(shelved.message).isEqualTo("shelved until 2025-11-20T12:32:00Z by alice: on it");

            // the devices still count while the rule is shelved: below the clear level, and up again to four
            h.back("a", T0 + 5 * MINUTE).back("b", T0 + 6 * MINUTE).offline("a", T0 + 10 * MINUTE)
                    .offline("b", T0 + 11 * MINUTE).offline("d", T0 + 12 * MINUTE).watermark(T0 + 32 * MINUTE - 1);
            List<AlarmEvent> whileShelved = h.fresh();
            assertThat(lifecycle(whileShelved)).isEmpty();
            assertThat(whileShelved).hasSize(5);
            assertThat(covered(whileShelved)).as("no fleet alarm covers them").isEmpty();
            assertThat(h.timers()).as("one timer, at the end of the shelf").isEqualTo(1);

            h.watermark(T0 + 32 * MINUTE);
            List<AlarmEvent> back = fleet(h.fresh());
            assertThat(lifecycle(back)).as("devices still down at the shelf's end: a new alarm")
                    .containsExactly("few RAISED 32:00");
            assertThat(back.get(0).alarmId).isEqualTo(Transitions.groupAlarmId(GROUP, "few", T0 + 32 * MINUTE))
                    .isNotEqualTo(raised.alarmId);
            assertThat(back.get(0).values).isEqualTo("devices=4: a b c d");
        }
    }

    @Test
    void resetClearsTheFleetAlarmAndRaisesItAnewWhileEnoughDevicesAreStillDown() throws Exception {
        try (FleetHarness h = harness(FEW)) {
            threeDown(h, T0).command(T0 + 2 * MINUTE, RESET, "few", null, 0).watermark(T0 + 3 * MINUTE);
            List<AlarmEvent> events = fleet(h.all());
            assertThat(lifecycle(events)).containsExactly("few RAISED 00:00", "few CLEARED 02:00",
                    "few RAISED 02:00");
            assertThat(events.get(1).alarmId).isEqualTo(events.get(0).alarmId);
            assertThat(events.get(1).clearedAt).isEqualTo(T0 + 2 * MINUTE);
            assertThat(events.get(1).message).isEqualTo("reset by alice: on it");
            assertThat(events.get(2).alarmId).isEqualTo(Transitions.groupAlarmId(GROUP, "few", T0 + 2 * MINUTE));
        }
    }

    @Test
    void aResetBelowTheRaiseLevelClearsTheFleetAlarmUntilItIsReachedAgain() throws Exception {
        try (FleetHarness h = harness(FEW)) {
            // two left: not fewer than clear-below, so the alarm stands until the reset
            threeDown(h, T0).back("a", T0 + MINUTE).command(T0 + 2 * MINUTE, RESET, null, null, 0)
                    .offline("d", T0 + 4 * MINUTE).watermark(T0 + 5 * MINUTE);
            assertThat(lifecycle(h.all())).containsExactly("few RAISED 00:00", "few CLEARED 02:00",
                    "few RAISED 04:00");
        }
    }

    @Test
    void aCommandOnAFleetAlarmThatIsNotActiveActsAsOnADevicesAlarm() throws Exception {
        try (FleetHarness h = harness(FEW)) {
            // acknowledgement and reset: nothing to act on; a shelf still holds the rule back, without an event
            h.command(T0, ACKNOWLEDGE, "few", null, 0).command(T0, RESET, "few", null, 0)
                    .command(T0 + MINUTE, SHELVE, "few", null, 10 * MINUTE);
            threeDown(h, T0 + 2 * MINUTE).watermark(T0 + 11 * MINUTE - 1);
            assertThat(lifecycle(h.all())).isEmpty();
            h.watermark(T0 + 11 * MINUTE);
            assertThat(lifecycle(h.all())).containsExactly("few RAISED 11:00");
        }
    }

    @Test
    void aResetTakesTheRuleOffItsShelf() throws Exception {
        try (FleetHarness h = harness(FEW)) {
            h.command(T0, SHELVE, null, null, 60 * MINUTE);
            threeDown(h, T0 + MINUTE).command(T0 + 2 * MINUTE, RESET, null, null, 0).watermark(T0 + 3 * MINUTE);
            assertThat(lifecycle(h.all())).containsExactly("few RAISED 02:00");
        }
    }

    @Test
    void aCommandAtTheInstantOfTheRaiseAppliesAfterIt() throws Exception {
        try (FleetHarness h = harness(FEW)) {
            threeDown(h, T0).command(T0, ACKNOWLEDGE, null, null, 0).watermark(T0 + MINUTE);
            List<AlarmEvent> events = h.all();
            assertThat(lifecycle(events)).containsExactly("few RAISED 00:00", "few ACKNOWLEDGED 00:00");
            assertThat(events.get(events.size() - 1).state).as("after the devices' events of that instant")
                    .isEqualTo("ACKNOWLEDGED");
            assertThat(covered(events)).containsExactly("a RAISED", "b RAISED", "c RAISED");
        }
    }

    @Test
    void aCommandBehindWhatTheGroupAppliedTakesEffectFromThere() throws Exception {
        try (FleetHarness h = harness(FEW)) {
            threeDown(h, T0).watermark(T0 + 10 * MINUTE)
                    .command(T0 - 5 * MINUTE, ACKNOWLEDGE, null, null, 0).watermark(T0 + 11 * MINUTE);
            assertThat(lifecycle(h.all())).containsExactly("few RAISED 00:00", "few ACKNOWLEDGED 00:00");
        }
    }

    @Test
    void aShelfKeepsTheGroupUntilItEndsAndACommandForAGroupWithoutFleetRulesKeepsNothing() throws Exception {
        try (FleetHarness h = harness("{name: few, kind: fleet, groups: [\"reefers-*\"], of: device-offline,"
                + " count: 3}")) {
            h.command("trucks-east", T0, SHELVE, null, null, 10 * MINUTE).watermark(T0 + MINUTE);
            assertThat(h.stateEntries()).isZero();
            h.command(T0, SHELVE, null, null, 10 * MINUTE).watermark(T0 + MINUTE);
            assertThat(h.stateEntries()).isPositive();
            assertThat(h.timers()).isEqualTo(1);
            h.watermark(T0 + 10 * MINUTE);
            assertThat(h.stateEntries()).isZero();
            assertThat(h.timers()).isZero();
            assertThat(h.all()).isEmpty();
        }
    }

    /**
     * 12 reefers for an hour, each seen every 4 minutes while it reports: 10 go offline one after the other from
     * 10:00 (half-down raised at the 6th, site-down at the 8th) and come back from 40:00, one of them behind what
     * the group applied; operators acknowledge (one at the instant of a raise), shelve both rules (one to an end
     * past the input's), reset both, and give one command late (it applies at the group's clock, 34:10, the last
     * device seen). Watermarks every minute.
     */
    private static List<Step> scenario() {
        return FleetHarness.reefersDownAndBack(60, 40, FleetCommandsTest::commandAt, T0 + 90 * MINUTE);
    }

    private static Step commandAt(int m) {
        long t = T0 + m * MINUTE;
        switch (m) {
            case 12:
                return h -> h.command(t + 20 * SECOND, ACKNOWLEDGE, "half-down", null, 0);
            case 13:
                return h -> h.command(t + 10 * SECOND, ACKNOWLEDGE, null, null, 0);
            case 16:
                return h -> h.command(t, SHELVE, "site-down", null, 10 * MINUTE);
            case 30:
                return h -> h.command(t, RESET, null, null, 0);
            case 35:
                return h -> h.command(t - 15 * MINUTE, ACKNOWLEDGE, "site-down", null, 0);
            case 38:
                return h -> h.command(t, SHELVE, "half-down", null, 30 * MINUTE);
            default:
                return null;
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void restoringAfterEveryStepGivesTheCommandsOutcomeOfAnUninterruptedRun(StateBackend backend) throws Exception {
        List<Fleet> fleets = FleetHarness.fleets("{name: site-down, kind: fleet, of: device-offline, count: 8,"
                + " clear-below: 3, clear-for: 2m}", "{name: half-down, kind: fleet, of: device-offline, share: 0.5,"
                + " window: 10m}");
        List<Step> steps = scenario();
        List<String> uninterrupted = FleetHarness.uninterrupted(backend, fleets, steps);
        assertThat(uninterrupted.stream().filter(e -> e.startsWith(" ")).map(e -> e.split(" ", 5)[1] + " "
                + e.split(" ", 5)[2] + " " + e.split(" ", 5)[3])).containsExactly(
                        "half-down RAISED 12:10", "half-down ACKNOWLEDGED 12:20", "site-down RAISED 13:10",
                        "site-down ACKNOWLEDGED 13:10", "site-down SHELVED 16:00", "site-down RAISED 26:00",
                        "site-down CLEARED 30:00", "half-down CLEARED 30:00", "site-down RAISED 30:00",
                        "half-down RAISED 30:00", "site-down ACKNOWLEDGED 34:10", "half-down SHELVED 38:00",
                        "site-down CLEARED 49:07");

        assertThat(FleetHarness.restoredAfterEveryStep(backend, fleets, steps)).isEqualTo(uninterrupted);
    }
}
