package io.fleetstream.sinks.timeseries;

import java.io.Serializable;

/**
 * Describes a record as one line-protocol point. The same record must always give the same measurement, tags and
 * timestamp: that identity is what makes a rewrite (a retry, a replay, a new revision) an overwrite in the store.
 */
@FunctionalInterface
public interface PointWriter<T> extends Serializable {
    void write(T record, Point point);
}
