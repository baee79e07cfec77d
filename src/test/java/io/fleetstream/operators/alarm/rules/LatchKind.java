package io.fleetstream.operators.alarm.rules;

import static io.fleetstream.operators.alarm.RuleState.NONE;

import io.fleetstream.operators.alarm.RuleState;
import java.util.List;

/**
 * A kind the engine has never heard of, built in a test the way a new kind would be written: raised by a reading
 * of {@code fault} = 1, cleared {@code clearAfter} after the last such reading. It keeps the time of that reading.
 */
public final class LatchKind implements RuleKind {
    private static final long serialVersionUID = 1L;

    private final long clearAfterMillis;

    private LatchKind(long clearAfterMillis) {
        this.clearAfterMillis = clearAfterMillis;
    }

    /** A rule of this kind; its parameter lives in the kind's instance, as a new kind's would. */
    public static AlarmRule rule(String name, long clearAfterMillis) {
        return new AlarmRule(new LatchKind(clearAfterMillis), AlarmRule.Type.CONDITION, name, List.of("*"), null,
                List.of(), Severity.MAJOR, 0, 0, 0, 0);
    }

    @Override
    public String name() {
        return "latch";
    }

    @Override
    public List<AlarmRule> parse(RuleNode rule, RuleHead head) {
        throw new UnsupportedOperationException("built in code only");
    }

    @Override
    public void init(AlarmRule rule, RuleState s) {
        s.raiseSince = new long[] {NONE};
    }

    @Override
    public void observe(AlarmRule rule, RuleState s, long time, String[] metrics, double[] values) {
        for (int i = 0; i < metrics.length; i++) {
            if (metrics[i].equals("fault") && values[i] == 1) {
                s.raiseSince[0] = time;
            }
        }
    }

    @Override
    public void onReading(AlarmRule rule, RuleState s, long time, long gap, Alarm alarm) {
        if (s.raiseSince[0] == time) {
            alarm.moveTo(0, time, "fault");
        }
    }

    @Override
    public long deadline(AlarmRule rule, RuleState s, long lastSeen) {
        return s.active() ? s.raiseSince[0] + clearAfterMillis : Long.MAX_VALUE;
    }

    @Override
    public void onDeadline(AlarmRule rule, RuleState s, long time, Alarm alarm) {
        alarm.moveTo(-1, time, "no fault since " + s.raiseSince[0]);
    }

    @Override
    public List<String> explain(AlarmRule rule) {
        return List.of("MAJOR: a reading of fault = 1; clear " + clearAfterMillis + " ms after the last");
    }
}
