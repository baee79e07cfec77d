package io.fleetstream.operators.rollup;

/**
 * The accumulator of one slice of one device, and whether a reading in it re-fired a window: only then can
 * revisions of the windows holding it be in state, so only then does purging the slice delete them.
 */
public class Slice extends MetricStats {
    public boolean refired;

    public Slice() {}
}
