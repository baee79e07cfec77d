package io.fleetstream.testing;

import io.fleetstream.model.RawRecord;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Holds each record a millisecond: a file is then read about as fast as live data arrives, so periodic watermarks
 * and checkpoints fall inside the read, and a fault injected at a random moment falls inside the run.
 */
public final class Slowly implements MapFunction<RawRecord, RawRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public RawRecord map(RawRecord r) throws InterruptedException {
        Thread.sleep(1);
        return r;
    }
}
