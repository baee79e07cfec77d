package io.fleetstream.operators.internal;

import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;

/**
 * A keyed {@link ValueState} whose values stay decoded in a {@link StateCache} when the backend hands out copies
 * (RocksDB: every read deserializes, every write serializes), and that is used directly when it keeps objects (the
 * heap backend: its state is already the cache, and an object kept aside would be changed under its copy-on-write
 * snapshots). The operator calls {@link #changed} after changing a value and {@link #flush} before each barrier.
 */
public final class CachedValueState<V> {
    private final AbstractStreamOperator<?> operator;
    private final ValueState<V> state;
    /** Null with a backend that keeps objects. */
    private final StateCache<V> cache;

    public CachedValueState(AbstractStreamOperator<?> operator, ValueState<V> state, LongSupplier maxWeight,
            ToLongFunction<V> weigh) {
        this.operator = operator;
        this.state = state;
        this.cache = operator.getKeyedStateBackend().isSafeToReuseKVState()
                ? new StateCache<>(maxWeight, weigh, this::writeBack) : null;
    }

    /** The value of {@code key} (the operator's current key) from the cache or from keyed state; null if none. */
    public V get(String key) throws Exception {
        if (cache != null) {
            StateCache.Entry<V> e = cache.get(key);
            if (e != null) {
                return e.value;
            }
        }
        V v = state.value();
        if (v != null && cache != null) {
            cache.admit(key, v, false);
        }
        return v;
    }

    /** {@code v} is the new or changed value of {@code key} (the current key). */
    public void changed(String key, V v) throws Exception {
        if (cache == null) {
            state.update(v);
            return;
        }
        StateCache.Entry<V> e = cache.peek(key);
        if (e != null && e.value == v) {
            cache.changed(key, e);
        } else if (cache.admit(key, v, true) == null) {
            // no room: this value lives in state, written now as a process function would
            state.update(v);
        }
    }

    /** Forgets the value of {@code key} (the current key). */
    public void clear(String key) {
        if (cache != null) {
            cache.remove(key);
        }
        state.clear();
    }

    /** Writes the changed values to keyed state; call before each checkpoint barrier. */
    public void flush() throws Exception {
        if (cache != null) {
            cache.flush();
        }
    }

    /** The cache, for metrics and tests; null with a backend that keeps objects. */
    public StateCache<V> cache() {
        return cache;
    }

    /** Writes a value leaving the cache (or flushed before a barrier) under its own key. */
    private void writeBack(String key, V v) throws Exception {
        Object current = operator.getCurrentKey();
        operator.setCurrentKey(key);
        state.update(v);
        if (current != null) {
            operator.setCurrentKey(current);
        }
    }
}
