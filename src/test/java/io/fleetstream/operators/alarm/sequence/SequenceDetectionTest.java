package io.fleetstream.operators.alarm.sequence;

import static io.fleetstream.operators.alarm.sequence.SequenceRig.MINUTE;
import static io.fleetstream.operators.alarm.sequence.SequenceRig.SECOND;
import static io.fleetstream.operators.alarm.sequence.SequenceRig.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.operators.alarm.AlarmInput;
import io.fleetstream.operators.alarm.rules.RuleSet;
import io.fleetstream.operators.alarm.rules.RulesFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The feed and the CEP operators of sequence rules: what completes when, and the same across restores. */
class SequenceDetectionTest {
    static final RuleSet RULES = RulesFile.parse(String.join("\n",
            "rules:",
            "  - name: door-then-warm",
            "    kind: sequence",
            "    groups: [\"reefers-*\"]",
            "    steps: [{metric: door_open, equals: 1}, {metric: temp_c, above: 8}]",
            "    within: 10m",
            "  - name: door-left-open",
            "    kind: sequence",
            "    groups: [\"reefers-*\"]",
            "    steps: [{metric: door_open, equals: 1}, {metric: door_open, equals: 0, absent: true}]",
            "    within: 10m",
            "  - name: defrost-cycle",
            "    kind: sequence",
            "    steps: [{metric: heater_on, equals: 1}, {metric: temp_c, above: 10}, {metric: heater_on, equals: 0}]",
            "    within: 5m",
            ""), "rules.yaml");
    private static final String GROUP = "reefers-west";

    static Stream<StateBackend> backends() {
        return Stream.of(new HashMapStateBackend(), new EmbeddedRocksDBStateBackend());
    }

    private static SequenceRig rig() throws Exception {
        return new SequenceRig(RULES, new HashMapStateBackend(), null);
    }

    private static List<String> completions(SequenceRig rig) {
        return rig.completions().stream()
                .map(c -> c.deviceId + " " + c.sequence + " " + (c.eventTime - T0) / SECOND)
                .collect(Collectors.toList());
    }

    @Test
    void completesAtTheReadingThatMeetsTheLastStepWithinTheWindowEndIncluded() throws Exception {
        try (SequenceRig rig = rig()) {
            rig.read("a", GROUP, T0, "door_open", 1).read("a", GROUP, T0 + MINUTE, "door_open", 0)
                    .read("a", GROUP, T0 + 5 * MINUTE, "temp_c", 9);
            // the last step exactly at the window's end still counts; a millisecond later it does not
            rig.read("b", GROUP, T0, "door_open", 1, "temp_c", 4).read("b", GROUP, T0 + SECOND, "door_open", 0)
                    .read("b", GROUP, T0 + 10 * MINUTE, "temp_c", 9);
            rig.read("c", GROUP, T0, "door_open", 1, "temp_c", 4).read("c", GROUP, T0 + SECOND, "door_open", 0)
                    .read("c", GROUP, T0 + 10 * MINUTE + 1, "temp_c", 9);
            rig.watermark(T0 + 30 * MINUTE);
            assertThat(completions(rig)).containsExactlyInAnyOrder("a door-then-warm 300", "b door-then-warm 600");
        }
    }

    @Test
    void stepsAreReadOnTheLastKnownValuesInEventTimeOrder() throws Exception {
        try (SequenceRig rig = rig()) {
            // delivered out of order: in event time the heater goes on, the cabinet warms, the heater goes off
            rig.read("a", GROUP, T0 + 2 * MINUTE, "heater_on", 0).read("a", GROUP, T0, "heater_on", 1, "temp_c", 3)
                    .read("a", GROUP, T0 + MINUTE, "temp_c", 11);
            rig.watermark(T0 + 10 * MINUTE);
            assertThat(completions(rig)).containsExactly("a defrost-cycle 120");
            assertThat(rig.completions().get(0).matched).isEqualTo("heater_on=1.0 at 2025-11-20T12:00:00Z,"
                    + " temp_c=11.0 at 2025-11-20T12:01:00Z, heater_on=0.0 at 2025-11-20T12:02:00Z");
        }
    }

    @Test
    void anAbsentStepCompletesAtTheWindowsEndUnlessAReadingMeetsItByThen() throws Exception {
        try (SequenceRig rig = rig()) {
            rig.read("open", GROUP, T0, "door_open", 1).read("open", GROUP, T0 + 5 * MINUTE, "temp_c", 4);
            rig.read("closed", GROUP, T0, "door_open", 1).read("closed", GROUP, T0 + 10 * MINUTE, "door_open", 0);
            rig.watermark(T0 + 10 * MINUTE - 1);
            assertThat(completions(rig)).isEmpty();
            rig.watermark(T0 + 10 * MINUTE + 1);
            assertThat(completions(rig)).containsExactly("open door-left-open 600");
            assertThat(rig.completions().get(0).matched).isEqualTo("door_open=1.0 at 2025-11-20T12:00:00Z,"
                    + " no door_open == 0 until 2025-11-20T12:10:00Z");
        }
    }

    @Test
    void onlyReadingsThatMeetAStepOfARuleOfTheirGroupReachItsPattern() throws Exception {
        try (SequenceRig rig = rig()) {
            rig.read("a", GROUP, T0, "door_open", 0, "temp_c", 4).read("a", GROUP, T0 + SECOND, "humidity", 80)
                    .read("pump", "pumps", T0, "door_open", 1).read("pump", "pumps", T0 + SECOND, "temp_c", 11)
                    .read("a", GROUP, T0 + 2 * SECOND, "temp_c", 9);
            rig.watermark(T0 + MINUTE);
            assertThat(rig.steps()).extracting(s -> s.deviceId + " " + s.rule + " " + Integer.toBinaryString(s.holds))
                    .containsExactly("a door-left-open 10", "a door-left-open 10", "a door-then-warm 10",
                            "a door-left-open 10", "pump defrost-cycle 10");
            assertThat(completions(rig)).isEmpty();
        }
    }

    @Test
    void aWatermarkAtTheEndOfTimeReleasesNothingSoNoWindowEndsPastTheInput() throws Exception {
        try (SequenceRig rig = rig()) {
            rig.read("a", GROUP, T0, "door_open", 1).watermark(T0 + SECOND)
                    .read("a", GROUP, T0 + 5 * MINUTE, "temp_c", 9);
            rig.watermark(Long.MAX_VALUE);
            assertThat(completions(rig)).isEmpty();
            assertThat(rig.feed.getOutput()).noneMatch(o -> o instanceof org.apache.flink.streaming.api.watermark
                    .Watermark && ((org.apache.flink.streaming.api.watermark.Watermark) o).getTimestamp()
                    == Long.MAX_VALUE);
        }
    }

    interface Step {
        void apply(SequenceRig rig) throws Exception;
    }

    /**
     * Three reefers and a pump for 24 minutes, a reading every 30 s delivered up to 20 s late, the door and heater
     * switching, the temperature crossing its limits, a watermark every few readings, and two readings behind the
     * watermark (one after a restore would have started CEP's watermark afresh).
     */
    private static List<Step> scenario() {
        List<Step> steps = new ArrayList<>();
        Random random = new Random(11);
        String[] devices = {"r1", "r2", "r3", "pump"};
        for (int round = 0; round < 48; round++) {
            long t = T0 + round * 30 * SECOND;
            for (String device : devices) {
                String group = device.equals("pump") ? "pumps" : GROUP;
                long at = t + random.nextInt(20_000);
                double door = random.nextInt(10) == 0 ? 1 - (round / 20) % 2 : (round / 20) % 2;
                double temp = 4 + random.nextInt(8);
                double heater = (round / 7) % 3 == 0 ? 1 : 0;
                if (random.nextBoolean()) {
                    steps.add(r -> r.read(device, group, at, "door_open", door, "temp_c", temp));
                } else {
                    steps.add(r -> r.read(device, group, at, "heater_on", heater, "temp_c", temp + 3));
                }
            }
            if (round % 3 == 2) {
                steps.add(r -> r.watermark(t - 20 * SECOND));
            }
            if (round == 30 || round == 45) {
                steps.add(r -> r.read("r1", GROUP, t - 5 * MINUTE, "door_open", 1, "temp_c", 30));
            }
        }
        steps.add(r -> r.watermark(T0 + 40 * MINUTE));
        return steps;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void restoringAfterEveryStepGivesTheCompletionsOfAnUninterruptedRun(StateBackend backend) throws Exception {
        List<Step> steps = scenario();
        List<AlarmInput> uninterrupted;
        try (SequenceRig rig = new SequenceRig(RULES, backend, null)) {
            for (Step s : steps) {
                s.apply(rig);
            }
            uninterrupted = rig.completions();
        }
        assertThat(uninterrupted).extracting(c -> c.sequence).contains("door-then-warm", "door-left-open",
                "defrost-cycle");

        List<AlarmInput> restored = new ArrayList<>();
        SequenceRig.Snapshot snapshot = null;
        long id = 0;
        for (Step s : steps) {
            try (SequenceRig rig = new SequenceRig(RULES, backend, snapshot)) {
                s.apply(rig);
                restored.addAll(rig.completions());
                snapshot = rig.checkpoint(++id);
            }
        }
        assertThat(byDevice(restored)).isEqualTo(byDevice(uninterrupted));
    }

    private static Map<String, List<String>> byDevice(List<AlarmInput> completions) {
        Map<String, List<String>> out = new TreeMap<>();
        for (AlarmInput c : completions) {
            out.computeIfAbsent(c.deviceId + " " + c.sequence, k -> new ArrayList<>())
                    .add((c.eventTime - T0) / SECOND + " " + c.matched);
        }
        return out;
    }
}
