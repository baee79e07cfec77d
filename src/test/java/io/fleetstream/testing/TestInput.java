package io.fleetstream.testing;

import io.fleetstream.operators.time.EventTimeScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * NDJSON telemetry with known contents for pipeline tests: the distinct valid readings are kept in
 * {@link #valid}, and the file adds duplicates, bounded disorder, edge bundles, malformed records and one reading
 * far behind everything else, so the expected outputs can be computed independently of the pipeline.
 */
public final class TestInput {
    /** One valid reading as the test wrote it. */
    public static final class Row {
        public final String device;
        public final String group;
        public final long time;
        public final Long seq;
        public final double temp;
        public final double door;

        Row(String device, String group, long time, Long seq, double temp, double door) {
            this.device = device;
            this.group = group;
            this.time = time;
            this.seq = seq;
            this.temp = temp;
            this.door = door;
        }
    }

    public static final long T0 = 1_763_640_000_000L; // 2025-11-20T12:00:00Z

    public final List<Row> valid = new ArrayList<>();
    /** The reading placed after an hour of later data: it must end up in late_readings. */
    public Row veryLate;
    /** Reason codes of the malformed lines, in file order, with their 1-based line numbers. */
    public final List<String> deadLetterReasons = new ArrayList<>();
    public final List<Long> deadLetterLines = new ArrayList<>();
    public int lines;
    /** The newest time the sources' watermark generators see: each line's earliest timestamp, as they scan it. */
    public long newestRecordTime = Long.MIN_VALUE;

    public static TestInput write(Path file, int devices, int minutes, long stepMillis, long seed) throws IOException {
        TestInput in = new TestInput();
        Random random = new Random(seed);
        List<String[]> timed = new ArrayList<>(); // {sortKey, json}
        for (int d = 0; d < devices; d++) {
            String device = "dev-" + d;
            String group = d % 3 == 0 ? "cold/chain west" : "pumps";
            boolean withSeq = d % 2 == 0;
            boolean bundles = d % 5 == 1;
            List<Row> pending = new ArrayList<>();
            long seq = 0;
            for (long t = T0 + d * 37L; t < T0 + minutes * 60_000L; t += stepMillis) {
                double temp = Math.round((4 + 3 * Math.sin(t / 600_000.0 + d) + random.nextGaussian()) * 100) / 100.0;
                double door = random.nextInt(10) == 0 ? 1 : 0;
                Row row = new Row(device, group, t, withSeq ? seq++ : null, temp, door);
                if (d == 0 && t == T0) {
                    in.veryLate = row;
                    in.valid.add(row);
                    continue;
                }
                in.valid.add(row);
                if (bundles) {
                    pending.add(row);
                    if (pending.size() == 3) {
                        timed.add(entry(pending.get(2).time, random, bundle(pending)));
                        pending.clear();
                    }
                } else {
                    String json = single(row);
                    timed.add(entry(t, random, json));
                    if (random.nextInt(50) == 0) {
                        timed.add(entry(t + 20_000, random, json)); // a retry 20 s later
                    }
                }
            }
            if (!pending.isEmpty()) {
                timed.add(entry(pending.get(pending.size() - 1).time, random, bundle(pending)));
            }
        }
        String[][] bad = {
            {"MALFORMED_JSON", "{\"deviceId\":\"dev-1\",\"timestamp\":"},
            {"MISSING_FIELD", "{\"timestamp\":1763640000000,\"data\":{\"temp_c\":1}}"},
            {"BAD_TIMESTAMP", "{\"deviceId\":\"dev-2\",\"deviceGroup\":\"pumps\",\"timestamp\":\"noon\",\"data\":{\"temp_c\":1}}"},
            {"NO_USABLE_METRIC", "{\"deviceId\":\"dev-2\",\"timestamp\":1763640000000,\"data\":{\"temp_c\":\"hot\"}}"},
            {"INVALID_FIELD", "{\"deviceId\":[\"dev-2\"],\"timestamp\":1763640000000,\"data\":{\"temp_c\":1}}"},
        };
        for (int i = 0; i < bad.length; i++) {
            String[] e = entry(T0 + (i + 1) * 300_000L, random, bad[i][1]);
            e[2] = bad[i][0];
            timed.add(e);
        }
        timed.sort(Comparator.comparing((String[] e) -> Long.parseLong(e[0])));
        StringBuilder out = new StringBuilder();
        long line = 0;
        for (String[] e : timed) {
            in.newestRecordTime = Math.max(in.newestRecordTime,
                    EventTimeScanner.scan(e[1].getBytes(StandardCharsets.UTF_8)));
            out.append(e[1]).append('\n');
            line++;
            if (e[2] != null) {
                in.deadLetterReasons.add(e[2]);
                in.deadLetterLines.add(line);
            }
            if (line % 1000 == 0) {
                out.append('\n'); // blank lines are skipped, and still counted in line numbers
                line++;
            }
        }
        out.append(single(in.veryLate)).append('\n');
        in.lines = (int) line + 1;
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
        return in;
    }

    /**
     * Where the watermark of a job that read the whole input ends: the sources' bounded out-of-orderness over the
     * newest record time (the event-time stamper caps the end of input there).
     */
    public long finalWatermark(long outOfOrdernessMillis) {
        return newestRecordTime - outOfOrdernessMillis - 1;
    }

    /**
     * Per device, the oldest {@code last_seen} its final current-state snapshot may have once the watermark ended at
     * {@code finalWatermark}: its newest reading at least a minute older. A reading is delivered at most a minute
     * after its time (50 s of delay behind the newest reading of its bundle), when the watermark stands less than
     * 30 s past it; its snapshot is then due within the 10 s emit interval, before the final watermark.
     */
    public Map<String, Long> surelyInFinalState(long finalWatermark) {
        Map<String, Long> out = new HashMap<>();
        for (Row r : valid) {
            if (r.time <= finalWatermark - 60_000L) {
                out.merge(r.device, r.time, Math::max);
            }
        }
        return out;
    }

    /** Per device, its newest valid reading. */
    public Map<String, Row> newestByDevice() {
        Map<String, Row> out = new HashMap<>();
        for (Row r : valid) {
            out.merge(r.device, r, (a, b) -> a.time >= b.time ? a : b);
        }
        return out;
    }

    /** The device's valid reading at {@code time}; null if there is none. */
    public Row reading(String device, long time) {
        for (Row r : valid) {
            if (r.device.equals(device) && r.time == time) {
                return r;
            }
        }
        return null;
    }

    /** Delivery order: event time plus up to 50 s of delay, inside out-of-orderness plus allowed lateness. */
    private static String[] entry(long time, Random random, String json) {
        return new String[] {Long.toString(time + random.nextInt(50_000)), json, null};
    }

    private static String single(Row r) {
        return "{\"deviceId\":\"" + r.device + "\",\"deviceGroup\":\"" + r.group + "\",\"timestamp\":" + r.time
                + (r.seq == null ? "" : ",\"seq\":" + r.seq) + ",\"data\":" + data(r) + "}";
    }

    private static String bundle(List<Row> rows) {
        StringBuilder b = new StringBuilder("{\"deviceId\":\"").append(rows.get(0).device)
                .append("\",\"deviceGroup\":\"").append(rows.get(0).group).append("\",\"readings\":[");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            b.append(i == 0 ? "" : ",").append("{\"timestamp\":\"")
                    .append(java.time.Instant.ofEpochMilli(r.time)).append('"')
                    .append(r.seq == null ? "" : ",\"seq\":" + r.seq).append(",\"data\":").append(data(r)).append('}');
        }
        return b.append("]}").toString();
    }

    private static String data(Row r) {
        return String.format(Locale.ROOT, "{\"temp_c\":%s,\"door_open\":%s,\"note\":\"ok\"}",
                r.temp, r.door == 1 ? "true" : "false");
    }
}
