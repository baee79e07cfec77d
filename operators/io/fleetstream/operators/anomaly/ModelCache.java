package io.fleetstream.operators.anomaly;

import io.fleetstream.operators.internal.StateCache;

/** How the anomaly operator's {@link StateCache} weighs a decoded model: by its heap bytes. */
final class ModelCache {
    private ModelCache() {}

    /** A map entry, its key and a little bookkeeping: counted so many small models are not under-budgeted. */
    static final long ENTRY_OVERHEAD = 160;

    static long weigh(DeviceModel m) {
        return ENTRY_OVERHEAD + m.heapBytes();
    }
}
