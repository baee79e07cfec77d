package io.fleetstream.replay.lake.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import javax.annotation.Nullable;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Hands hour splits out oldest first, one per request, so every reader moves forward in event time and the
 * watermark (the minimum over readers) never passes an hour still being read. Splits a failed reader had come back
 * and go out again first.
 */
public final class HourSplitEnumerator implements SplitEnumerator<HourSplit, List<HourSplit>> {
    private final SplitEnumeratorContext<HourSplit> context;
    private final TreeSet<HourSplit> remaining = new TreeSet<>(Comparator.comparingLong(HourSplit::hourStart));

    public HourSplitEnumerator(SplitEnumeratorContext<HourSplit> context, List<HourSplit> splits) {
        this.context = context;
        remaining.addAll(splits);
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, @Nullable String requesterHostname) {
        HourSplit next = remaining.pollFirst();
        if (next != null) {
            context.assignSplit(next, subtaskId);
        } else {
            context.signalNoMoreSplits(subtaskId);
        }
    }

    @Override
    public void addSplitsBack(List<HourSplit> splits, int subtaskId) {
        remaining.addAll(splits);
    }

    @Override
    public void addReader(int subtaskId) {
        // Readers ask for splits themselves.
    }

    @Override
    public List<HourSplit> snapshotState(long checkpointId) {
        return new ArrayList<>(remaining);
    }

    @Override
    public void close() {}
}
