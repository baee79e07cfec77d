package io.fleetstream.replay.lake;

import io.fleetstream.lake.LakeFile;
import io.fleetstream.lake.LakePartitions;
import io.fleetstream.model.RawRecord;
import io.fleetstream.replay.lake.internal.HourSplit;
import io.fleetstream.replay.lake.internal.HourSplitEnumerator;
import io.fleetstream.replay.lake.internal.HourSplitSerializer;
import io.fleetstream.replay.lake.internal.LakeSourceReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The lake's {@code readings} table for an event-time window, as the raw records the telemetry pipeline takes:
 * bounded, so a replay job ends when the window is read. Only the {@code dt=/hr=} folders of the window's hours
 * (and the {@code device_group=} folders of the groups kept) are listed and opened, on any Flink file system.
 *
 * <p>Each reading (its rows, one per metric) becomes the input contract's JSON again, so parsing, dedup, rollups,
 * anomaly scores and alarms run unchanged. An hour's files are merged in event-time order and hours are handed out
 * oldest first, so the replay sees the readings in event-time order (up to the disorder within a file) and none
 * is late. Positions are checkpointed (hours not yet read, and how far into the current hour), so a failed replay
 * resumes without loss or duplicates.
 */
public final class LakeReplaySource implements Source<RawRecord, HourSplit, List<HourSplit>> {
    private static final long serialVersionUID = 1L;

    private final String lakePath;
    private final long from;
    private final long to;
    private final TreeSet<String> groups;
    private final TreeSet<String> devices;

    private LakeReplaySource(Builder b) {
        this.lakePath = b.lakePath;
        this.from = b.from.toEpochMilli();
        this.to = b.to.toEpochMilli();
        this.groups = b.groups;
        this.devices = b.devices;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<RawRecord, HourSplit> createReader(SourceReaderContext context) {
        return new LakeSourceReader(context, from, to, devices);
    }

    @Override
    public SplitEnumerator<HourSplit, List<HourSplit>> createEnumerator(SplitEnumeratorContext<HourSplit> context) {
        return new HourSplitEnumerator(context, splits());
    }

    @Override
    public SplitEnumerator<HourSplit, List<HourSplit>> restoreEnumerator(SplitEnumeratorContext<HourSplit> context,
            List<HourSplit> checkpoint) {
        return new HourSplitEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<HourSplit> getSplitSerializer() {
        return HourSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<List<HourSplit>> getEnumeratorCheckpointSerializer() {
        return HourSplitSerializer.Remaining.INSTANCE;
    }

    /** One split per hour of the window that has files; listed when the job starts (not when it is restored). */
    List<HourSplit> splits() {
        Path table = new Path(lakePath.endsWith("/") ? lakePath + "readings" : lakePath + "/readings");
        List<HourSplit> splits = new ArrayList<>();
        for (long hour : LakePartitions.hours(from, to)) {
            List<LakeFile> files;
            try {
                files = LakePartitions.files(table, hour, groups);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + table + "/" + LakePartitions.hourPath(hour), e);
            }
            if (!files.isEmpty()) {
                splits.add(new HourSplit(hour, files, 0));
            }
        }
        return splits;
    }

    /** Where the readings are, the window, and optionally which groups and devices to keep. */
    public static final class Builder {
        private String lakePath;
        private Instant from;
        private Instant to;
        private final TreeSet<String> groups = new TreeSet<>();
        private final TreeSet<String> devices = new TreeSet<>();

        private Builder() {}

        /** Root of the lake (the folder that holds {@code readings/}): file:///..., s3://bucket/prefix. */
        public Builder lakePath(String path) {
            this.lakePath = path;
            return this;
        }

        /** Start of the window, inclusive, in event time. */
        public Builder from(Instant from) {
            this.from = from;
            return this;
        }

        /** End of the window, exclusive, in event time. */
        public Builder to(Instant to) {
            this.to = to;
            return this;
        }

        /** Device groups to read; none given: every group. */
        public Builder deviceGroups(Collection<String> groups) {
            this.groups.addAll(groups);
            return this;
        }

        /** Devices to keep; none given: every device. */
        public Builder devices(Collection<String> devices) {
            this.devices.addAll(devices);
            return this;
        }

        public LakeReplaySource build() {
            if (lakePath == null || lakePath.isBlank()) {
                throw new IllegalArgumentException("the lake path is required");
            }
            if (from == null || to == null || !from.isBefore(to)) {
                throw new IllegalArgumentException("a window with from before to is required, got " + from + " to "
                        + to);
            }
            return new LakeReplaySource(this);
        }
    }
}
