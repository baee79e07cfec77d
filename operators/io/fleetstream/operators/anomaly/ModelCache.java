package io.fleetstream.operators.anomaly;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Decoded models of one operator subtask, least recently used first out, bounded by their heap bytes. A model
 * changed since it was last written to keyed state is dirty: it is written back when it leaves the cache and before
 * every checkpoint barrier, so keyed state always catches up before a checkpoint and never holds a model ahead of
 * the scores emitted. Not thread-safe: the operator's task thread only.
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
    long hits;
    long misses;
    long evictions;

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
        }
        return e;
    }

    /** The cached entry of {@code key}, or null, without counting a hit or a miss or touching its recency. */
    Entry peek(String key) {
        return entries.get(key);
    }

    /** Caches a model just read from state (clean) or just created (dirty). */
    Entry put(String key, DeviceModel model, boolean dirty) {
        Entry e = new Entry(model, sizeOf(model));
        e.dirty = dirty;
        Entry old = entries.put(key, e);
        if (old != null) {
            bytes -= old.bytes;
        }
        bytes += e.bytes;
        return e;
    }

    /** The model of {@code e} changed (it learned a point, or its settings moved): dirty, and maybe larger. */
    void changed(Entry e) {
        e.dirty = true;
        long now = sizeOf(e.model);
        bytes += now - e.bytes;
        e.bytes = now;
    }

    /** Forgets a model without writing it back: it expired, or state was cleared. */
    void remove(String key) {
        Entry e = entries.remove(key);
        if (e != null) {
            bytes -= e.bytes;
        }
    }

    /**
     * Writes back and drops the least recently used models until the cache fits its budget, never the one of
     * {@code keep} (the key being processed, whose model the caller still holds).
     */
    void shrink(String keep) throws Exception {
        long max = maxBytes.getAsLong();
        if (bytes <= max) {
            return;
        }
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (bytes > max && it.hasNext()) {
            Map.Entry<String, Entry> eldest = it.next();
            if (eldest.getKey().equals(keep)) {
                continue;
            }
            Entry e = eldest.getValue();
            if (e.dirty) {
                writeBack.write(eldest.getKey(), e.model);
            }
            it.remove();
            bytes -= e.bytes;
            evictions++;
        }
    }

    /** Writes every dirty model to keyed state; they stay cached, clean. */
    void flush() throws Exception {
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (e.getValue().dirty) {
                writeBack.write(e.getKey(), e.getValue().model);
                e.getValue().dirty = false;
            }
        }
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
