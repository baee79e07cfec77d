package io.fleetstream.replay.lake.internal;

import io.fleetstream.lake.LakeFile;
import io.fleetstream.lake.LakePartitions;
import java.util.Collections;
import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One event-time hour of the readings table: every file of its {@code dt=/hr=} partition (of the groups kept), read
 * together and merged by event time. A whole hour is one split because its files overlap in event time: read one
 * after another, the second would be late against the watermark the first had moved.
 */
public final class HourSplit implements SourceSplit {
    private final long hourStart;
    private final List<LakeFile> files;
    /** Readings already taken from the merge (a restored split skips them). */
    private final long readingsRead;

    public HourSplit(long hourStart, List<LakeFile> files, long readingsRead) {
        this.hourStart = hourStart;
        this.files = Collections.unmodifiableList(files);
        this.readingsRead = readingsRead;
    }

    public long hourStart() {
        return hourStart;
    }

    public List<LakeFile> files() {
        return files;
    }

    public long readingsRead() {
        return readingsRead;
    }

    public HourSplit withReadingsRead(long n) {
        return new HourSplit(hourStart, files, n);
    }

    @Override
    public String splitId() {
        return LakePartitions.hourPath(hourStart);
    }

    @Override
    public String toString() {
        return "HourSplit{" + splitId() + ", " + files.size() + " files, " + readingsRead + " read}";
    }
}
