package io.fleetstream.operators.alarm.rules;

import static io.fleetstream.operators.alarm.RuleState.NONE;

import io.fleetstream.operators.alarm.RuleState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The kinds whose rules are severity {@link Level}s over signals of the readings (threshold, deviation, held,
 * compound, rate, stuck). They differ only in how their keys read; how levels raise and clear is shared, here. Per
 * device a rule keeps the inputs of its signals (see {@link Signals}) and, per level, whether it is active and since
 * when its raise or clear conditions have held. The alarm stands at the highest active level.
 */
abstract class LeveledKind implements RuleKind {
    private static final long serialVersionUID = 1L;

    /** A rule of this kind, its levels in any order. */
    final AlarmRule rule(RuleHead head, String name, List<Level> levels) {
        return AlarmRule.leveled(this, name, head.groups, head.description, levels);
    }

    @Override
    public final void init(AlarmRule rule, RuleState s) {
        int levels = rule.levels.size();
        s.levelActive = new boolean[levels];
        s.raiseSince = new long[levels];
        s.clearSince = new long[levels];
        Arrays.fill(s.raiseSince, NONE);
        Arrays.fill(s.clearSince, NONE);
        Signals.init(s, rule);
    }

    /** The values of the metrics stay: a reset or a shelf does not change what the device last reported. */
    @Override
    public final void reset(AlarmRule rule, RuleState s) {
        Arrays.fill(s.levelActive, false);
        Arrays.fill(s.raiseSince, NONE);
        Arrays.fill(s.clearSince, NONE);
    }

    @Override
    public final void observe(AlarmRule rule, RuleState s, long time, String[] metrics, double[] values) {
        Signals.update(s, rule, time, metrics, values);
    }

    /** Moves each level's raise and clear timing along with the conditions as they hold at {@code time}. */
    @Override
    public final void onReading(AlarmRule rule, RuleState s, long time, long gap, Alarm alarm) {
        for (int l = 0; l < rule.levels.size(); l++) {
            Level level = rule.levels.get(l);
            boolean raise = all(level.raise, rule, s, time);
            if (level.raisesOnReadingsOnly() && gap >= level.raiseForMillis) {
                // No readings for the whole duration are no evidence that the value stood still meanwhile.
                s.raiseSince[l] = NONE;
            }
            if (!s.levelActive[l]) {
                if (!raise) {
                    s.raiseSince[l] = NONE;
                } else if (s.raiseSince[l] == NONE) {
                    s.raiseSince[l] = time;
                }
                if (raise && (level.raiseForMillis == 0
                        || (level.raisesOnReadingsOnly() && time - s.raiseSince[l] >= level.raiseForMillis))) {
                    s.levelActive[l] = true;
                    s.raiseSince[l] = NONE;
                }
            } else {
                boolean clear = level.clear.isEmpty() ? !raise : all(level.clear, rule, s, time);
                if (!clear) {
                    s.clearSince[l] = NONE;
                } else if (s.clearSince[l] == NONE) {
                    s.clearSince[l] = time;
                }
                if (clear && level.clearForMillis == 0) {
                    s.levelActive[l] = false;
                    s.clearSince[l] = NONE;
                }
            }
        }
        settle(rule, s, time, alarm);
    }

    /** The earliest time a level's raise or clear condition will have held for its duration. */
    @Override
    public final long deadline(AlarmRule rule, RuleState s, long lastSeen) {
        long next = Long.MAX_VALUE;
        for (int l = 0; l < rule.levels.size(); l++) {
            Level level = rule.levels.get(l);
            if (!s.levelActive[l] && s.raiseSince[l] != NONE && !level.raisesOnReadingsOnly()) {
                next = Math.min(next, s.raiseSince[l] + level.raiseForMillis);
            } else if (s.levelActive[l] && s.clearSince[l] != NONE) {
                next = Math.min(next, s.clearSince[l] + level.clearForMillis);
            }
        }
        return next;
    }

    @Override
    public final void onDeadline(AlarmRule rule, RuleState s, long time, Alarm alarm) {
        for (int l = 0; l < rule.levels.size(); l++) {
            Level level = rule.levels.get(l);
            if (!s.levelActive[l] && s.raiseSince[l] != NONE && !level.raisesOnReadingsOnly()
                    && s.raiseSince[l] + level.raiseForMillis == time) {
                s.levelActive[l] = true;
                s.raiseSince[l] = NONE;
                s.clearSince[l] = NONE;
            } else if (s.levelActive[l] && s.clearSince[l] != NONE
                    && s.clearSince[l] + level.clearForMillis == time) {
                s.levelActive[l] = false;
                s.clearSince[l] = NONE;
            }
        }
        settle(rule, s, time, alarm);
    }

    /** Each level as its conditions read, e.g. {@code WARNING: temp_c > 8 for 5m; clear when temp_c < 6 for 2m}. */
    @Override
    public List<String> explain(AlarmRule rule) {
        List<String> lines = new ArrayList<>();
        for (Level level : rule.levels) {
            lines.add(level.toString());
        }
        return lines;
    }

    private static boolean all(List<Condition> conditions, AlarmRule rule, RuleState s, long time) {
        for (Condition c : conditions) {
            if (!c.test(Signals.value(c.signal, rule, s, time))) {
                return false;
            }
        }
        return true;
    }

    /** Moves the alarm when the highest active level changed. */
    private static void settle(AlarmRule rule, RuleState s, long time, Alarm alarm) {
        int highest = -1;
        for (int l = 0; l < s.levelActive.length; l++) {
            if (s.levelActive[l]) {
                highest = l;
            }
        }
        if (highest != s.activeLevel) {
            Level shown = rule.levels.get(highest >= 0 ? highest : s.activeLevel);
            String why = highest >= 0 ? shown.describeRaise() : "cleared: " + shown.describeClear();
            alarm.moveTo(highest, time, why + " (" + alarm.values() + ")");
        }
    }
}
