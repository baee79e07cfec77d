package io.fleetstream.replay.lake.internal;

import io.fleetstream.model.RawRecord;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads one hour split at a time, asking the enumerator for the next when done (it hands hours out oldest first).
 * Each split has its own watermark output, released when the hour is read. A reading becomes a {@link RawRecord}
 * whose source is {@code lake:<file>#<row>} and whose ingest time is its event time (the lake keeps no arrival
 * time; the readings were valid when the live job took them).
 */
public final class LakeSourceReader implements SourceReader<RawRecord, HourSplit> {
    private final SourceReaderContext context;
    private final long from;
    private final long to;
    private final Set<String> devices;
    private final ArrayDeque<HourSplit> queued = new ArrayDeque<>();
    private final ReadingPayloads payloads = new ReadingPayloads();
    private Configuration conf;

    private HourSplit current;
    private HourMerger merger;
    private SourceOutput<RawRecord> splitOutput;
    private long read;
    private boolean noMoreSplits;
    private CompletableFuture<Void> available = new CompletableFuture<>();

    public LakeSourceReader(SourceReaderContext context, long from, long to, Set<String> devices) {
        this.context = context;
        this.from = from;
        this.to = to;
        this.devices = devices;
    }

    @Override
    public void start() {
        conf = new Configuration(false);
        if (queued.isEmpty()) {
            context.sendSplitRequest();
        }
    }

    @Override
    public InputStatus pollNext(ReaderOutput<RawRecord> output) throws Exception {
        while (true) {
            if (current == null && !openNext(output)) {
                return noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
            }
            LakeReading r = merger.next();
            if (r == null) {
                finishCurrent(output);
                continue;
            }
            read++;
            if (r.eventTime < from || r.eventTime >= to || !devices.isEmpty() && !devices.contains(r.deviceId)) {
                continue;
            }
            splitOutput.collect(new RawRecord(payloads.toJson(r), "lake:" + r.file.path() + "#" + r.row,
                    r.eventTime));
            return InputStatus.MORE_AVAILABLE;
        }
    }

    private boolean openNext(ReaderOutput<RawRecord> output) throws IOException {
        HourSplit split = queued.poll();
        if (split == null) {
            return false;
        }
        current = split;
        merger = new HourMerger(split.files(), split.hourStart(), conf);
        splitOutput = output.createOutputForSplit(split.splitId());
        // A restored split goes on after the readings its checkpoint counted; the merge order is the same.
        for (read = 0; read < split.readingsRead() && merger.next() != null; read++) {
            // skip
        }
        return true;
    }

    private void finishCurrent(ReaderOutput<RawRecord> output) throws IOException {
        output.releaseOutputForSplit(current.splitId());
        merger.close();
        merger = null;
        current = null;
        splitOutput = null;
        if (queued.isEmpty() && !noMoreSplits) {
            context.sendSplitRequest();
        }
    }

    @Override
    public List<HourSplit> snapshotState(long checkpointId) {
        List<HourSplit> state = new ArrayList<>();
        if (current != null) {
            state.add(current.withReadingsRead(read));
        }
        state.addAll(queued);
        return state;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        if (current != null || !queued.isEmpty() || noMoreSplits) {
            return CompletableFuture.completedFuture(null);
        }
        if (available.isDone()) {
            available = new CompletableFuture<>();
        }
        return available;
    }

    @Override
    public void addSplits(List<HourSplit> splits) {
        queued.addAll(splits);
        available.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        available.complete(null);
    }

    @Override
    public void close() throws Exception {
        if (merger != null) {
            merger.close();
        }
    }
}
