package io.fleetstream.operators.alarm.rules;

import io.fleetstream.operators.alarm.RuleState;
import java.util.Arrays;
import java.util.List;

/** Keeps a leveled rule's inputs up to date from readings and computes its signals from them. */
final class Signals {
    /** Bounds the history of a windowed signal for a device that reports far faster than its window. */
    static final int MAX_HISTORY = 512;

    private Signals() {}

    static void init(RuleState s, AlarmRule rule) {
        int n = rule.metrics().size();
        s.last = new double[n];
        s.previous = new double[n];
        Arrays.fill(s.last, Double.NaN);
        Arrays.fill(s.previous, Double.NaN);
        if (rule.historyMillis() > 0) {
            s.historyTimes = new long[0];
            s.historyMetrics = new int[0];
            s.historyValues = new double[0];
        }
    }

    /** Takes the reading's values of the rule's metrics; {@code time} is never older than earlier calls. */
    static void update(RuleState s, AlarmRule rule, long time, String[] metrics, double[] values) {
        List<String> names = rule.metrics();
        long window = rule.historyMillis();
        for (int j = 0; j < metrics.length; j++) {
            int i = names.indexOf(metrics[j]);
            if (i < 0) {
                continue;
            }
            s.previous[i] = s.last[i];
            s.last[i] = values[j];
            if (window > 0) {
                append(s, time, i, values[j]);
            }
        }
        if (window > 0) {
            prune(s, time - window);
        }
    }

    private static void append(RuleState s, long time, int metric, double value) {
        int n = s.historyTimes.length;
        int from = n >= MAX_HISTORY ? 1 : 0;
        s.historyTimes = grow(s.historyTimes, from, time);
        s.historyMetrics = growInt(s.historyMetrics, from, metric);
        s.historyValues = growDouble(s.historyValues, from, value);
    }

    private static void prune(RuleState s, long oldest) {
        int k = 0;
        while (k < s.historyTimes.length && s.historyTimes[k] < oldest) {
            k++;
        }
        if (k > 0) {
            s.historyTimes = Arrays.copyOfRange(s.historyTimes, k, s.historyTimes.length);
            s.historyMetrics = Arrays.copyOfRange(s.historyMetrics, k, s.historyMetrics.length);
            s.historyValues = Arrays.copyOfRange(s.historyValues, k, s.historyValues.length);
        }
    }

    /** The signal's value at {@code now}; NaN when unknown (a metric not reported yet, or too little history). */
    static double value(Signal signal, AlarmRule rule, RuleState s, long now) {
        List<String> names = rule.metrics();
        int m = names.indexOf(signal.metric);
        double v = s.last[m];
        switch (signal.kind) {
            case VALUE:
                return v;
            case DEVIATION: {
                double ref = signal.reference != null ? s.last[names.indexOf(signal.reference)] : signal.referenceValue;
                return Math.abs(v - ref);
            }
            case UNCHANGED:
                return Double.isNaN(v) || Double.isNaN(s.previous[m]) ? Double.NaN : (v == s.previous[m] ? 1 : 0);
            case RISE:
            case FALL: {
                double lo = v;
                double hi = v;
                for (int k = 0; k < s.historyTimes.length; k++) {
                    if (s.historyMetrics[k] == m && s.historyTimes[k] >= now - signal.windowMillis) {
                        lo = Math.min(lo, s.historyValues[k]);
                        hi = Math.max(hi, s.historyValues[k]);
                    }
                }
                return signal.kind == Signal.Kind.RISE ? v - lo : hi - v;
            }
            case SLOPE: {
                for (int k = 0; k < s.historyTimes.length; k++) {
                    if (s.historyMetrics[k] == m && s.historyTimes[k] >= now - signal.windowMillis) {
                        long span = now - s.historyTimes[k];
                        // Less than half a window of history says too little about a trend.
                        return span * 2 < signal.windowMillis ? Double.NaN
                                : (v - s.historyValues[k]) * 60_000.0 / span;
                    }
                }
                return Double.NaN;
            }
            default:
                throw new AssertionError(signal.kind);
        }
    }

    private static long[] grow(long[] a, int from, long v) {
        long[] b = Arrays.copyOfRange(a, from, a.length + 1);
        b[b.length - 1] = v;
        return b;
    }

    private static int[] growInt(int[] a, int from, int v) {
        int[] b = Arrays.copyOfRange(a, from, a.length + 1);
        b[b.length - 1] = v;
        return b;
    }

    private static double[] growDouble(double[] a, int from, double v) {
        double[] b = Arrays.copyOfRange(a, from, a.length + 1);
        b[b.length - 1] = v;
        return b;
    }
}
