package io.fleetstream.operators.alarm.rules;

import static io.fleetstream.operators.alarm.rules.RuleKeys.COMMON;
import static io.fleetstream.operators.alarm.rules.RuleKeys.build;
import static io.fleetstream.operators.alarm.rules.RuleKeys.keys;
import static io.fleetstream.operators.alarm.rules.RuleKeys.millis;
import static io.fleetstream.operators.alarm.rules.RuleKeys.severity;

import io.fleetstream.operators.alarm.RuleState;
import java.time.Instant;
import java.util.List;

/**
 * {@code offline}: no reading for {@code after} of event time, decided as the watermark passes the device's last
 * reading plus {@code after}; clears at the device's next reading. Keys: {@code after},
 * {@code [processing-time-fallback]}, {@code [severity]}. The fallback raises it anyway after that much processing
 * time without any arrival from the device, for when a whole stream goes silent and its watermark stalls. It keeps
 * nothing of its own per device: the device's last reading time is all it needs.
 */
final class OfflineKind implements RuleKind {
    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public List<AlarmRule> parse(RuleNode rule, RuleHead head) {
        rule.map(keys(COMMON, List.of("after", "processing-time-fallback", "severity")));
        long after = rule.require("after").positiveMillis();
        long fallback = millis(rule, "processing-time-fallback");
        Severity severity = severity(rule);
        return List.of(build(rule, () -> AlarmRule.offline(head.name, head.groups, head.description, severity, after,
                fallback)));
    }

    @Override
    public void init(AlarmRule rule, RuleState s) {}

    @Override
    public void onReading(AlarmRule rule, RuleState s, long time, long gap, Alarm alarm) {
        if (s.active()) {
            alarm.moveTo(-1, time, "reporting again");
        }
    }

    @Override
    public long deadline(AlarmRule rule, RuleState s, long lastSeen) {
        return s.active() ? Long.MAX_VALUE : lastSeen + rule.offlineAfterMillis;
    }

    @Override
    public void onDeadline(AlarmRule rule, RuleState s, long time, Alarm alarm) {
        alarm.moveTo(0, time, "no reading since " + Instant.ofEpochMilli(alarm.lastSeen()));
    }

    @Override
    public long processingTimeFallbackMillis(AlarmRule rule) {
        return rule.processingTimeFallbackMillis;
    }

    /** Raised at the event time the deadline would have had, so it reads the same as one decided in event time. */
    @Override
    public void onWatermarkStalled(AlarmRule rule, RuleState s, Alarm alarm) {
        if (!s.active()) {
            alarm.moveTo(0, alarm.lastSeen() + rule.offlineAfterMillis, "no reading since "
                    + Instant.ofEpochMilli(alarm.lastSeen())
                    + " (decided on processing time: the stream's watermark stalled)");
        }
    }

    @Override
    public List<String> explain(AlarmRule rule) {
        String line = rule.severity + ": no reading for " + Conditions.duration(rule.offlineAfterMillis)
                + " (event time); clear at the next reading";
        if (rule.processingTimeFallbackMillis > 0) {
            line += "; also raised after " + Conditions.duration(rule.processingTimeFallbackMillis)
                    + " of processing time without a reading while the watermark stalls";
        }
        return List.of(line);
    }
}
