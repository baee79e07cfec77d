package io.fleetstream.operators.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * Decoded keyed-state values of one operator subtask (anomaly models, devices' alarm state), bounded by a weight
 * (bytes, or a count). A value changed since it was last written to keyed state is dirty: it is written back when it
 * leaves the cache and before every checkpoint barrier, so keyed state always catches up before a checkpoint and
 * never holds a value ahead of the output emitted.
 *
 * <p>Why not plain LRU: a fleet reports round-robin, so when its values do not all fit, LRU evicts each one just
 * before it is needed again and every access misses. Here a full cache makes room only by dropping values not used
 * since the checkpoint before last (devices gone quiet); when there are none, a new value is not admitted and is
 * read and written through keyed state instead. The cached share of the fleet then keeps hitting, so the cost grows
 * with the share that does not fit rather than falling off a cliff. Not thread-safe: the task thread only.
 */
public class StateCache<V> {
    /** Writes a value to keyed state under its key (the operator sets and restores the current key). */
    public interface WriteBack<V> {
        void write(String key, V value) throws Exception;
    }

    public static final class Entry<V> {
        public final V value;
        public boolean dirty;
        public long weight;
        /** The checkpoint interval in which it was last used. */
        long epoch;

        Entry(V value, long weight) {
            this.value = value;
            this.weight = weight;
        }
    }

    private final LinkedHashMap<String, Entry<V>> entries = new LinkedHashMap<>(1024, 0.75f, true);
    /** Asked at each check: subtasks sharing a JVM split a budget as they come and go. */
    private final LongSupplier maxWeight;
    private final ToLongFunction<V> weigh;
    private final WriteBack<V> writeBack;
    private long weight;
    private long epoch;
    public long hits;
    public long misses;
    public long evictions;
    public long bypassed;

    public StateCache(LongSupplier maxWeight, ToLongFunction<V> weigh, WriteBack<V> writeBack) {
        this.maxWeight = maxWeight;
        this.weigh = weigh;
        this.writeBack = writeBack;
    }

    /** The cached value of {@code key}, now the most recently used; null when it is not cached. */
    public Entry<V> get(String key) {
        Entry<V> e = entries.get(key);
        if (e == null) {
            misses++;
        } else {
            hits++;
            e.epoch = epoch;
        }
        return e;
    }

    /** The cached entry of {@code key}, or null, without counting a hit or a miss or touching its recency. */
    public Entry<V> peek(String key) {
        return entries.get(key);
    }

    /**
     * Caches a value just read from state (clean) or just changed (dirty) if there is room, making room from values
     * idle since the checkpoint before last; null when it was not admitted (the caller keeps it in state).
     */
    public Entry<V> admit(String key, V value, boolean dirty) throws Exception {
        long size = weigh.applyAsLong(value);
        if (!makeRoom(size)) {
            bypassed++;
            return null;
        }
        Entry<V> e = new Entry<>(value, size);
        e.dirty = dirty;
        e.epoch = epoch;
        Entry<V> old = entries.put(key, e);
        if (old != null) {
            weight -= old.weight;
        }
        weight += size;
        return e;
    }

    /**
     * The value of {@code e} changed: dirty, and maybe heavier. Returns false when it no longer fits and was written
     * back and dropped.
     */
    public boolean changed(String key, Entry<V> e) throws Exception {
        e.dirty = true;
        e.epoch = epoch;
        long now = weigh.applyAsLong(e.value);
        weight += now - e.weight;
        e.weight = now;
        if (weight <= maxWeight.getAsLong() || makeRoom(0)) {
            return true;
        }
        entries.remove(key);
        weight -= e.weight;
        writeBack.write(key, e.value);
        evictions++;
        return false;
    }

    /** Forgets a value without writing it back: it expired, or state was cleared. */
    public void remove(String key) {
        Entry<V> e = entries.remove(key);
        if (e != null) {
            weight -= e.weight;
        }
    }

    /** Drops idle values, least recently used first, until {@code more} fits; whether it does. */
    private boolean makeRoom(long more) throws Exception {
        long max = maxWeight.getAsLong();
        Iterator<Map.Entry<String, Entry<V>>> it = entries.entrySet().iterator();
        while (weight + more > max && it.hasNext()) {
            Map.Entry<String, Entry<V>> eldest = it.next();
            Entry<V> e = eldest.getValue();
            if (e.epoch >= epoch - 1) {
                // access order: everything after it was used at least as recently
                break;
            }
            if (e.dirty) {
                writeBack.write(eldest.getKey(), e.value);
            }
            it.remove();
            weight -= e.weight;
            evictions++;
        }
        return weight + more <= max;
    }

    /** Writes every dirty value to keyed state before a barrier; they stay cached, clean. A new interval begins. */
    public void flush() throws Exception {
        for (Map.Entry<String, Entry<V>> e : entries.entrySet()) {
            if (e.getValue().dirty) {
                writeBack.write(e.getKey(), e.getValue().value);
                e.getValue().dirty = false;
            }
        }
        epoch++;
    }

    public int size() {
        return entries.size();
    }

    /** The cached values' total weight. */
    public long weight() {
        return weight;
    }
}
