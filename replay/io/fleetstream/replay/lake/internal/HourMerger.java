package io.fleetstream.replay.lake.internal;

import io.fleetstream.lake.FlinkInputFile;
import io.fleetstream.lake.LakeFile;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;

/**
 * The readings of one hour's files in event-time order, so the replay's watermark never overtakes a reading. Each
 * file is in the order the live job wrote it (arrival order, at most a little out of event-time order); the
 * merge takes the earliest head of the open files. A file is opened only when the merge reaches the earliest event
 * time its footer's statistics give, so only the files that overlap in event time are open together (with
 * checkpoint-rolled files, a few per group and subtask), not the whole hour.
 *
 * <p>The order depends only on the files' contents and names, so a restored split skips as many readings as its
 * checkpoint counted and goes on from the same place.
 */
final class HourMerger implements Closeable {
    private final List<LakeFile> byStart = new ArrayList<>();
    private final List<Long> starts = new ArrayList<>();
    private final Configuration conf;
    private final PriorityQueue<FileCursor> open = new PriorityQueue<>(
            Comparator.comparingLong((FileCursor c) -> c.head.eventTime).thenComparingInt(c -> c.order));
    private int nextToOpen;

    HourMerger(List<LakeFile> files, long hourStart, Configuration conf) throws IOException {
        this.conf = conf;
        List<long[]> order = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            order.add(new long[] {earliest(files.get(i), hourStart), i});
        }
        order.sort(Comparator.<long[]>comparingLong(o -> o[0]).thenComparingLong(o -> o[1]));
        for (long[] o : order) {
            byStart.add(files.get((int) o[1]));
            starts.add(o[0]);
        }
    }

    /** The next reading in event-time order, or null when every file is read. */
    LakeReading next() throws IOException {
        while (nextToOpen < byStart.size() && (open.isEmpty() || starts.get(nextToOpen) <= open.peek().head.eventTime)) {
            FileCursor c = new FileCursor(byStart.get(nextToOpen), nextToOpen, conf);
            nextToOpen++;
            if (c.head != null) {
                open.add(c);
            } else {
                c.close();
            }
        }
        FileCursor c = open.poll();
        if (c == null) {
            return null;
        }
        LakeReading r = c.head;
        c.advance();
        if (c.head != null) {
            open.add(c);
        } else {
            c.close();
        }
        return r;
    }

    /** The smallest event_time the file's row-group statistics give; the hour's start when they give none. */
    private long earliest(LakeFile file, long hourStart) throws IOException {
        long min = Long.MAX_VALUE;
        try (ParquetFileReader reader = ParquetFileReader.open(new FlinkInputFile(file.path()))) {
            for (BlockMetaData block : reader.getFooter().getBlocks()) {
                if (block.getRowCount() == 0) {
                    continue;
                }
                Statistics<?> stats = null;
                for (ColumnChunkMetaData column : block.getColumns()) {
                    if (column.getPath().toDotString().equals("event_time")) {
                        stats = column.getStatistics();
                    }
                }
                if (stats == null || !stats.hasNonNullValue() || !(stats.genericGetMin() instanceof Long)) {
                    return hourStart;
                }
                min = Math.min(min, (Long) stats.genericGetMin());
            }
        } catch (RuntimeException e) {
            throw new IOException("cannot read the footer of lake file " + file.path() + ": " + e.getMessage(), e);
        }
        return min == Long.MAX_VALUE ? hourStart : min;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (FileCursor c : open) {
            try {
                c.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }
}
