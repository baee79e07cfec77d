package io.fleetstream.operators.alarm.fleet;

import static io.fleetstream.operators.alarm.fleet.FleetHarness.GROUP;
import static io.fleetstream.operators.alarm.fleet.FleetHarness.MINUTE;
import static io.fleetstream.operators.alarm.fleet.FleetHarness.SECOND;
import static io.fleetstream.operators.alarm.fleet.FleetHarness.T0;
import static io.fleetstream.operators.alarm.fleet.FleetHarness.covered;
import static io.fleetstream.operators.alarm.fleet.FleetHarness.fleetAlarms;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.operators.alarm.Transitions;
import io.fleetstream.operators.alarm.fleet.FleetHarness.Step;
import io.fleetstream.operators.alarm.rules.Fleet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The fleet operator on the per-device events it gets: one alarm per group, covered device alarms, restores. */
class FleetOperatorTest {
    private static final String SITE_DOWN = "{name: site-down, kind: fleet, of: device-offline, count: 20,"
            + " severity: CRITICAL, clear-below: 5, clear-for: 5m}";
    private static final String HALF_DOWN = "{name: half-down, kind: fleet, of: device-offline, share: 0.5,"
            + " window: 10m}";

    static Stream<StateBackend> backends() {
        return Stream.of(new HashMapStateBackend(), new EmbeddedRocksDBStateBackend());
    }

    private static String reefer(int i) {
        return String.format("reefer-%02d", i);
    }

    private static FleetHarness harness(String... rules) throws Exception {
        return new FleetHarness(new HashMapStateBackend(), null, FleetHarness.fleets(rules));
    }

    @Test
    void raisesSiteDownWhenTwentyReefersAreOfflineAtOnce() throws Exception {
        try (FleetHarness h = harness(SITE_DOWN)) {
            for (int i = 0; i < 19; i++) {
                h.offline(reefer(i), T0 + 10 * MINUTE + i * SECOND);
            }
            h.watermark(T0 + 11 * MINUTE);
            List<AlarmEvent> first = h.fresh();
            assertThat(first).hasSize(19).allMatch(e -> e.message.equals("no reading"));

            h.offline(reefer(19), T0 + 12 * MINUTE).offline(reefer(20), T0 + 12 * MINUTE + 30 * SECOND)
                    .watermark(T0 + 13 * MINUTE);
            List<AlarmEvent> second = h.fresh();
            assertThat(fleetAlarms(second)).containsExactly("site-down RAISED 12:00 devices=20: "
                    + IntStream.range(0, 20).mapToObj(FleetOperatorTest::reefer).collect(Collectors.joining(" ")));
            AlarmEvent raised = second.stream().filter(e -> e.deviceId.isEmpty()).findFirst().orElseThrow();
            assertThat(raised.deviceGroup).isEqualTo(GROUP);
            assertThat(raised.kind).isEqualTo("fleet");
            assertThat(raised.severity).isEqualTo("CRITICAL");
            assertThat(raised.raisedAt).isEqualTo(T0 + 12 * MINUTE);
            assertThat(raised.clearedAt).isNull();
            assertThat(raised.alarmId).isEqualTo(Transitions.groupAlarmId(GROUP, "site-down", T0 + 12 * MINUTE));
            assertThat(raised.message).isEqualTo("device-offline active at once on 20 devices (raised at 20 devices)");
            // the alarm that raised it, at the same instant, and every one after it are covered
            assertThat(covered(second)).containsExactly("reefer-19 RAISED", "reefer-20 RAISED");
            assertThat(second.get(2).message).isEqualTo("no reading (covered by fleet alarm " + raised.alarmId
                    + " of site-down)");
            assertThat(second.get(0)).as("the fleet alarm goes out first").isSameAs(raised);
        }
    }

    @Test
    void clearsWhenFewerThanTheClearLevelHaveBeenOfflineForClearFor() throws Exception {
        try (FleetHarness h = harness(SITE_DOWN)) {
            for (int i = 0; i < 21; i++) {
                h.offline(reefer(i), T0 + 10 * MINUTE);
            }
            h.watermark(T0 + 11 * MINUTE).fresh();
            for (int i = 0; i < 16; i++) {
                h.back(reefer(i), T0 + 20 * MINUTE);
            }
            h.watermark(T0 + 21 * MINUTE);
            List<AlarmEvent> fiveLeft = h.fresh();
            assertThat(fleetAlarms(fiveLeft)).as("5 are not fewer than 5").isEmpty();
            assertThat(covered(fiveLeft)).hasSize(16);

            h.back(reefer(16), T0 + 22 * MINUTE).back(reefer(17), T0 + 24 * MINUTE).watermark(T0 + 27 * MINUTE - 1);
            assertThat(fleetAlarms(h.fresh())).isEmpty();
            assertThat(h.timers()).as("one timer, at the end of clear-for").isEqualTo(1);
            h.watermark(T0 + 27 * MINUTE);
            List<AlarmEvent> cleared = h.fresh();
            assertThat(fleetAlarms(cleared)).containsExactly(
                    "site-down CLEARED 27:00 devices=3: reefer-18 reefer-19 reefer-20");
            assertThat(cleared.get(0).clearedAt).isEqualTo(T0 + 27 * MINUTE);
            assertThat(cleared.get(0).message).isEqualTo(
                    "cleared: device-offline active on 3 devices, fewer than 5 devices for 5m");

            h.back(reefer(18), T0 + 28 * MINUTE).watermark(T0 + 29 * MINUTE);
            assertThat(covered(h.fresh())).isEmpty();
        }
    }

    @Test
    void aCountBackAtTheClearLevelWithinClearForKeepsTheAlarm() throws Exception {
        try (FleetHarness h = harness("{name: few, kind: fleet, of: device-offline, count: 3, clear-below: 2,"
                + " clear-for: 5m}")) {
            h.offline("a", T0).offline("b", T0).offline("c", T0).back("c", T0 + MINUTE).back("b", T0 + 2 * MINUTE)
                    .offline("b", T0 + 4 * MINUTE).back("b", T0 + 5 * MINUTE).watermark(T0 + 10 * MINUTE - 1);
            assertThat(fleetAlarms(h.fresh())).containsExactly("few RAISED 00:00 devices=3: a b c");
            h.watermark(T0 + 10 * MINUTE);
            assertThat(fleetAlarms(h.fresh())).containsExactly("few CLEARED 10:00 devices=1: a");
        }
    }

    @Test
    void aDeviceNotSeenWithinTheWindowNoLongerCountsAmongTheGroupsDevices() throws Exception {
        try (FleetHarness h = harness(HALF_DOWN)) {
            for (int i = 0; i < 10; i++) {
                h.seen(reefer(i), T0 + i * SECOND);
            }
            // 4 to 7 go on reporting; 0 to 3 go offline; 8 and 9 are last seen in minute 0
            for (int m = 1; m <= 12; m++) {
                for (int i = 4; i < 8; i++) {
                    h.seen(reefer(i), T0 + m * MINUTE + i * SECOND);
                }
                if (m == 10) {
                    for (int i = 0; i < 4; i++) {
                        h.offline(reefer(i), T0 + 10 * MINUTE);
                    }
                }
                h.watermark(T0 + m * MINUTE + 30 * SECOND);
            }
            // 4 of 10 at 10:00; 4 of 8 once minute 0 has left the 10-minute window, at 11:00
            assertThat(fleetAlarms(h.all())).containsExactly(
                    "half-down RAISED 11:00 devices=4: reefer-00 reefer-01 reefer-02 reefer-03");
            assertThat(h.all().stream().filter(e -> e.deviceId.isEmpty()).findFirst().orElseThrow().message)
                    .isEqualTo("device-offline active at once on 4 of the 8 devices seen (raised at 50% of the"
                            + " devices seen within 10m)");
        }
    }

    @Test
    void aTransitionBehindWhatTheGroupAppliedCountsFromThere() throws Exception {
        try (FleetHarness h = harness("{name: two, kind: fleet, of: device-offline, count: 2}")) {
            h.offline("a", T0 + 5 * MINUTE).watermark(T0 + 6 * MINUTE).offline("b", T0 + MINUTE)
                    .watermark(T0 + 7 * MINUTE);
            assertThat(fleetAlarms(h.all())).containsExactly("two RAISED 05:00 devices=2: a b");
        }
    }

    @Test
    void aGroupWithNothingActiveKeepsNoState() throws Exception {
        try (FleetHarness h = harness(SITE_DOWN, HALF_DOWN)) {
            h.seen("a", T0).offline("a", T0 + 10 * MINUTE).watermark(T0 + 11 * MINUTE);
            assertThat(h.stateEntries()).isPositive();
            h.back("a", T0 + 12 * MINUTE).seen("a", T0 + 12 * MINUTE).watermark(T0 + 13 * MINUTE);
            assertThat(h.timers()).as("until minute 12 leaves the window").isEqualTo(1);
            h.watermark(T0 + 23 * MINUTE);
            assertThat(h.stateEntries()).isZero();
            assertThat(h.timers()).isZero();
        }
    }

    @Test
    void aGroupLeftIdleByItsInputsAloneKeepsNoState() throws Exception {
        try (FleetHarness h = harness(SITE_DOWN)) {
            h.offline("a", T0).watermark(T0 + MINUTE);
            assertThat(h.stateEntries()).isPositive();
            // no deadline follows to drop it later: the inputs that leave it idle must
            h.back("a", T0 + 2 * MINUTE).watermark(T0 + 3 * MINUTE);
            assertThat(h.stateEntries()).isZero();
            assertThat(h.timers()).isZero();
        }
    }

    /**
     * 12 reefers for 40 minutes, each seen every 4 minutes while it reports: 10 go offline one after the other from
     * 10:00 (half-down raised at the 6th, site-down at the 8th), come back from 20:00 (both clear), one of them
     * behind what the group applied; watermarks every minute.
     */
    private static List<Step> scenario() {
        return FleetHarness.reefersDownAndBack(40, 20, m -> null, T0 + 60 * MINUTE);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void restoringAfterEveryStepGivesTheAlarmsOfAnUninterruptedRun(StateBackend backend) throws Exception {
        List<Fleet> fleets = FleetHarness.fleets("{name: site-down, kind: fleet, of: device-offline, count: 8,"
                + " clear-below: 3, clear-for: 2m}", HALF_DOWN);
        List<Step> steps = scenario();
        List<String> uninterrupted = FleetHarness.uninterrupted(backend, fleets, steps);
        assertThat(uninterrupted.stream().filter(e -> e.startsWith(" "))).extracting(e -> e.split(" ")[1] + " "
                + e.split(" ")[2]).containsExactly("half-down RAISED", "site-down RAISED", "half-down CLEARED",
                        "site-down CLEARED");
        assertThat(uninterrupted).anyMatch(e -> e.contains("covered by fleet alarm"));

        assertThat(FleetHarness.restoredAfterEveryStep(backend, fleets, steps)).isEqualTo(uninterrupted);
    }
}
