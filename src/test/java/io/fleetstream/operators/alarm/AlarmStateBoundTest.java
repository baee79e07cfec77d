package io.fleetstream.operators.alarm;

import static io.fleetstream.operators.alarm.AlarmHarness.SECOND;
import static io.fleetstream.operators.alarm.AlarmHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.junit.jupiter.api.Test;

/**
 * A million readings of 1,000 devices through every rule kind, with faults coming and going: the alarms keep
 * raising and clearing, and the state neither grows with the history nor leaks timers.
 */
class AlarmStateBoundTest {
    private static final int DEVICES = 1_000;
    private static final int ROUNDS = 1_000;
    private static final long INTERVAL = 10 * SECOND;

    @Test
    void stateStaysBoundedOverAMillionReadings() throws Exception {
        try (AlarmHarness h = new AlarmHarness(TestRules.temperatureHigh(), TestRules.maintenance(),
                TestRules.setpointDeviation(), TestRules.doorOpen(), TestRules.temperatureJump(), TestRules.stuck(),
                TestRules.offline(0), TestRules.anomalyBurst())) {
            Random random = new Random(11);
            long halfwaySize = 0;
            int maxTimers = 0;
            int maxEntries = 0;
            for (int round = 0; round < ROUNDS; round++) {
                long t = T0 + round * INTERVAL;
                for (int d = 0; d < DEVICES; d++) {
                    // Each device spends 60 of every 300 rounds (10 of 50 minutes) in a fault, some go silent.
                    int phase = (round + d * 7) % 300;
                    boolean fault = phase < 60;
                    if (d % 10 == 0 && phase >= 100 && phase < 180) {
                        continue;
                    }
                    long at = t + random.nextInt((int) INTERVAL);
                    h.harness.processElement1(reading(d, at, fault, phase, random), at);
                    if (fault && random.nextInt(20) == 0) {
                        h.harness.processElement2(AlarmInput.anomaly(anomaly(d, at)), at);
                    }
                }
                h.harness.processBothWatermarks(new Watermark(t - 30 * SECOND));
                maxTimers = Math.max(maxTimers, h.timers());
                maxEntries = Math.max(maxEntries, h.stateEntries());
                if (round == ROUNDS / 2) {
                    halfwaySize = h.checkpoint(1, t).getStateSize();
                }
            }
            long endSize = h.checkpoint(2, T0 + ROUNDS * INTERVAL).getStateSize();
            long raised = h.alarms().stream().filter(a -> a.state.equals("RAISED")).count();
            long cleared = h.alarms().stream().filter(a -> a.state.equals("CLEARED")).count();
            System.out.printf("alarm events %d (raised %d, cleared %d); state %,d bytes at half, %,d at the end; "
                    + "max timers %d, max state entries %d%n", h.alarms().size(), raised, cleared, halfwaySize,
                    endSize, maxTimers, maxEntries);

            assertThat(raised).as("the faults keep raising alarms").isGreaterThan(5 * DEVICES);
            assertThat(cleared).as("and they clear again").isGreaterThan(4 * DEVICES);
            assertThat(maxTimers).as("at most one event-time timer per device").isLessThanOrEqualTo(DEVICES);
            assertThat(maxEntries).as("rule state plus readings waiting for the watermark, per device")
                    .isLessThanOrEqualTo(3 * DEVICES);
            assertThat(endSize).as("state does not grow with the history").isLessThan(halfwaySize * 11 / 10);
        }
    }

    private static io.fleetstream.model.Reading reading(int d, long at, boolean fault, int phase, Random random) {
        double temp = fault ? 10 + random.nextDouble() : 4 + random.nextDouble();
        return new io.fleetstream.model.Reading("dev-" + d, AlarmHarness.GROUP, at, null,
                new String[] {"temp_c", "setpoint_c", "door_open", "vibration_mm_s", "temperature_c"},
                new double[] {phase == 200 ? 30 : temp, 4, fault ? 1 : 0, fault ? 8 : 2,
                        40 + (fault ? phase * 0.1 : random.nextDouble())});
    }

    private static io.fleetstream.model.AnomalyEvent anomaly(int d, long at) {
        io.fleetstream.model.AnomalyEvent a = new io.fleetstream.model.AnomalyEvent();
        a.deviceId = "dev-" + d;
        a.deviceGroup = AlarmHarness.GROUP;
        a.eventTime = at;
        a.attributionMetrics = new String[0];
        a.attributionShares = new double[0];
        return a;
    }
}
