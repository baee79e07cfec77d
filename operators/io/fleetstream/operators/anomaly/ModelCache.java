package io.fleetstream.operators.anomaly;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Decoded models of one operator subtask, bounded by their heap bytes. A model changed since it was last written to
 * keyed state is dirty: it is written back when it leaves the cache and before every checkpoint barrier, so keyed
 * state always catches up before a checkpoint and never holds a model ahead of the scores emitted.
 *
 * <p>Why not plain LRU: a fleet reports round-robin, so when its models do not all fit, LRU evicts each model just
 * before it is needed again and every reading misses. Here a full cache makes room only by dropping models not used
 * since the checkpoint before last (devices gone quiet); when there are none, a new model is not admitted and is
 * read and written through keyed state instead. The cached share of the fleet then keeps hitting, so the cost
 * grows with the share that does not fit rather than falling off a cliff. Not thread-safe: the task thread only.
 */
final class ModelCache {
    /** Writes a model to keyed state under its key (the operator sets and restores the current key). */
    interface WriteBack {
        void write(String key, DeviceModel model) throws Exception;
    }

    static final class Entry {
        final DeviceModel model;
        boolean dirty;
        long bytes;
        /** The checkpoint interval in which it was last used. */
        long epoch;

        Entry(DeviceModel model, long bytes) {
            this.model = model;
            this.bytes = bytes;
        }
    }

    /** A map entry, its key and a little bookkeeping: counted so many small models are not under-budgeted. */
    private static final long ENTRY_OVERHEAD = 160;

    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true);
    /** Asked at each check: subtasks sharing a JVM split a budget as they come and go. */
    private final LongSupplier maxBytes;
    private final WriteBack writeBack;
    private long bytes;
    private long epoch;
    long hits;
    long misses;
    long evictions;
    long bypassed;

    ModelCache(LongSupplier maxBytes, WriteBack writeBack) {
        this.maxBytes = maxBytes;
        this.writeBack = writeBack;
    }

    /** The cached model of {@code key}, now the most recently used; null when it is not cached. */
    Entry get(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            misses++;
        } else {
            hits++;
            e.epoch = epoch;
        }
        return e;
    }

    /** The cached entry of {@code key}, or null, without counting a hit or a miss or touching its recency. */
    Entry peek(String key) {
        return entries.get(key);
    }

    /**
     * Caches a model just read from state (clean) or just changed (dirty) if there is room, making room from models
     * idle since the checkpoint before last; null when it was not admitted (the caller keeps it in state).
     */
    Entry admit(String key, DeviceModel model, boolean dirty) throws Exception {
        long size = sizeOf(model);
        if (!makeRoom(size)) {
            bypassed++;
            return null;
        }
        Entry e = new Entry(model, size);
        e.dirty = dirty;
        e.epoch = epoch;
        Entry old = entries.put(key, e);
        if (old != null) {
            bytes -= old.bytes;
        }
        bytes += size;
        return e;
    }

    /**
     * The model of {@code e} changed (it learned a point, or its boxes were built): dirty, and maybe larger. Returns
     * false when it no longer fits and was written back and dropped.
     */
    boolean changed(String key, Entry e) throws Exception {
        e.dirty = true;
        e.epoch = epoch;
        long now = sizeOf(e.model);
        bytes += now - e.bytes;
        e.bytes = now;
        if (bytes <= maxBytes.getAsLong() || makeRoom(0)) {
            return true;
        }
        entries.remove(key);
        bytes -= e.bytes;
        writeBack.write(key, e.model);
        evictions++;
        return false;
    }

    /** Forgets a model without writing it back: it expired, or state was cleared. */
    void remove(String key) {
        Entry e = entries.remove(key);
        if (e != null) {
            bytes -= e.bytes;
        }
    }

    /** Drops idle models, least recently used first, until {@code more} bytes fit; whether they do. */
    private boolean makeRoom(long more) throws Exception {
        long max = maxBytes.getAsLong();
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (bytes + more > max && it.hasNext()) {
            Map.Entry<String, Entry> eldest = it.next();
            Entry e = eldest.getValue();
            if (e.epoch >= epoch - 1) {
                // access order: everything after it was used at least as recently
                break;
            }
            if (e.dirty) {
                writeBack.write(eldest.getKey(), e.model);
            }
            it.remove();
            bytes -= e.bytes;
            evictions++;
        }
        return bytes + more <= max;
    }

    /** Writes every dirty model to keyed state before a barrier; they stay cached, clean. A new interval begins. */
    void flush() throws Exception {
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (e.getValue().dirty) {
                writeBack.write(e.getKey(), e.getValue().model);
                e.getValue().dirty = false;
            }
        }
        epoch++;
    }

    int size() {
        return entries.size();
    }

    long bytes() {
        return bytes;
    }

    private static long sizeOf(DeviceModel m) {
        return ENTRY_OVERHEAD + m.heapBytes();
    }
}
