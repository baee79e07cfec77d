package io.fleetstream.replay.lake.internal;

import io.fleetstream.lake.FlinkInputFile;
import io.fleetstream.lake.LakeFile;
import io.fleetstream.lake.LakeParquet;
import io.fleetstream.lake.ReadingsRow;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * Reads one readings file as readings: the pipeline writes a reading's metrics as consecutive rows of one file
 * (same device, event time and sequence number), so consecutive rows with the same identity are one reading. A
 * metric repeated within such a run starts a new reading (two readings of one device at one instant).
 */
final class FileCursor implements Closeable {
    final LakeFile file;
    final int order;
    private final ParquetReader<ReadingsRow> reader;
    private long rowsRead;

    // The row read ahead of the current reading, copied out of the reused ReadingsRow.
    private boolean pending;
    private long pendingRow;
    private String pDevice;
    private long pTime;
    private Long pSeq;
    private String pMetric;
    private double pValue;

    private final List<String> metrics = new ArrayList<>();
    private double[] values = new double[8];

    /** The next reading of the file, or null at its end. */
    LakeReading head;

    FileCursor(LakeFile file, int order, Configuration conf) throws IOException {
        this.file = file;
        this.order = order;
        this.reader = LakeParquet.readings(new FlinkInputFile(file.path())).withConf(conf).build();
        pull();
        advance();
    }

    void advance() throws IOException {
        if (!pending) {
            head = null;
            return;
        }
        long firstRow = pendingRow;
        String device = pDevice;
        long time = pTime;
        Long seq = pSeq;
        metrics.clear();
        add(pMetric, pValue);
        while (pull() && pDevice.equals(device) && pTime == time && java.util.Objects.equals(pSeq, seq)
                && !metrics.contains(pMetric)) {
            add(pMetric, pValue);
        }
        head = new LakeReading(file, firstRow, device, time, seq, metrics.toArray(new String[0]),
                java.util.Arrays.copyOf(values, metrics.size()));
    }

    private void add(String metric, double value) {
        if (metrics.size() == values.length) {
            values = java.util.Arrays.copyOf(values, values.length * 2);
        }
        values[metrics.size()] = value;
        metrics.add(metric);
    }

    /** Reads the next row into the pending fields; false at the end of the file. */
    private boolean pull() throws IOException {
        ReadingsRow r = reader.read();
        if (r == null) {
            pending = false;
            return false;
        }
        pending = true;
        pendingRow = rowsRead++;
        pDevice = r.deviceId();
        pTime = r.eventTime();
        // Boxed once per row; readings of one device share no Long, and the payload needs the value anyway.
        pSeq = r.hasSeq() ? Long.valueOf(r.seq()) : null;
        pMetric = r.metric();
        pValue = r.value();
        return true;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
