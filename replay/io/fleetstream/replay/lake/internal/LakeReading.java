package io.fleetstream.replay.lake.internal;

import io.fleetstream.lake.LakeFile;

/** One reading put back together from its consecutive rows (one per metric) in a readings file. */
final class LakeReading {
    final LakeFile file;
    /** Row number (from 0) of the reading's first row in its file. */
    final long row;
    final String deviceId;
    final long eventTime;
    final Long seq;
    final String[] metrics;
    final double[] values;

    LakeReading(LakeFile file, long row, String deviceId, long eventTime, Long seq, String[] metrics,
            double[] values) {
        this.file = file;
        this.row = row;
        this.deviceId = deviceId;
        this.eventTime = eventTime;
        this.seq = seq;
        this.metrics = metrics;
        this.values = values;
    }
}
