package io.fleetstream.sinks.timeseries;

import io.fleetstream.model.Rollup;

/** Records and helpers shared by the sink's tests and benchmark. */
final class Fixtures {
    private Fixtures() {}

    static final long T0 = 1_763_633_700_000L; // 2025-11-20T10:15:00Z

    static Rollup rollup(String device, String group, String metric, long start, int revision, double base) {
        Rollup r = new Rollup();
        r.deviceId = device;
        r.deviceGroup = group;
        r.metric = metric;
        r.windowSpec = "1m";
        r.windowStart = start;
        r.windowEnd = start + 60_000;
        r.count = 3 + revision;
        r.min = base;
        r.max = base + 2;
        r.sum = 3 * base + 3;
        r.mean = base + 1;
        r.stddev = revision == 0 ? null : 0.125;
        r.first = base + 0.1;
        r.last = base + 1.9;
        r.revision = revision;
        return r;
    }

    static String causes(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t).append('\n');
        }
        return b.toString();
    }
}
