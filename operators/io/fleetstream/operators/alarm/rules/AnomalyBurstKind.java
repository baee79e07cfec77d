package io.fleetstream.operators.alarm.rules;

import static io.fleetstream.operators.alarm.rules.RuleKeys.COMMON;
import static io.fleetstream.operators.alarm.rules.RuleKeys.build;
import static io.fleetstream.operators.alarm.rules.RuleKeys.keys;
import static io.fleetstream.operators.alarm.rules.RuleKeys.severity;

import io.fleetstream.operators.alarm.RuleState;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * {@code anomaly-burst}: at least {@code count} anomalies (from the anomaly scores) within {@code within}; clears
 * when {@code within} passes without one. Keys: {@code count}, {@code within}, {@code [severity]}. Per device it
 * keeps the times of the anomalies within the window, at most {@code count} of them.
 */
final class AnomalyBurstKind implements RuleKind {
    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
        return "anomaly-burst";
    }

    @Override
    public List<AlarmRule> parse(RuleNode rule, RuleHead head) {
        rule.map(keys(COMMON, List.of("count", "within", "severity")));
        int count = rule.require("count").integer();
        if (count < 1) {
            throw rule.get("count").error("must be at least 1");
        }
        long within = rule.require("within").positiveMillis();
        Severity severity = severity(rule);
        return List.of(build(rule, () -> AlarmRule.anomalyBurst(head.name, head.groups, head.description, severity,
                count, within)));
    }

    @Override
    public void init(AlarmRule rule, RuleState s) {
        s.anomalyTimes = new long[0];
    }

    @Override
    public boolean readsAnomalies() {
        return true;
    }

    @Override
    public void onAnomaly(AlarmRule rule, RuleState s, long time, Alarm alarm) {
        long[] times = Arrays.copyOf(s.anomalyTimes, s.anomalyTimes.length + 1);
        times[times.length - 1] = time;
        int from = 0;
        while (times[from] <= time - rule.burstWindowMillis || times.length - from > rule.burstCount) {
            from++;
        }
        s.anomalyTimes = Arrays.copyOfRange(times, from, times.length);
        if (!s.active() && s.anomalyTimes.length >= rule.burstCount) {
            alarm.moveTo(0, time, s.anomalyTimes.length + " anomalies since "
                    + Instant.ofEpochMilli(s.anomalyTimes[0]));
        }
    }

    /** While active: a window after the latest anomaly, when the burst is over. */
    @Override
    public long deadline(AlarmRule rule, RuleState s, long lastSeen) {
        return s.active() ? s.anomalyTimes[s.anomalyTimes.length - 1] + rule.burstWindowMillis : Long.MAX_VALUE;
    }

    @Override
    public void onDeadline(AlarmRule rule, RuleState s, long time, Alarm alarm) {
        alarm.moveTo(-1, time, "no anomaly for " + rule.burstWindowMillis / 60_000 + " min");
        s.anomalyTimes = new long[0];
    }

    @Override
    public List<String> explain(AlarmRule rule) {
        String window = Conditions.duration(rule.burstWindowMillis);
        return List.of(rule.severity + ": " + rule.burstCount + " anomalies within " + window
                + " (anomaly scores, anomaly.enabled); clear when none for " + window);
    }
}
