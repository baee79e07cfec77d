package io.fleetstream.operators.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.operators.internal.StateCache;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cache's admission and write-back rules, on real (young) models. */
class ModelCacheTest {
    private static final AnomalySettings SETTINGS = new AnomalySettings(List.of(), 10, 32, 1, 0.005, 1L, 1000L);

    private static DeviceModel model(String key) {
        return new DeviceModel(new String[] {"x"}, new double[1], Long.MIN_VALUE, 0,
                SETTINGS.newDetector(key, 1), new Normalizer(1));
    }

    private final List<String> written = new ArrayList<>();

    private StateCache<DeviceModel> cacheFor(int models) {
        long one = DeviceModel.cacheWeight(model("probe"));
        return new StateCache<>(() -> models * one + one / 2, DeviceModel::cacheWeight, (key, m) -> written.add(key));
    }

    @Test
    void aFullCacheLetsANewModelPassThroughInsteadOfEvictingOneInUse() throws Exception {
        StateCache<DeviceModel> cache = cacheFor(2);
        assertThat(cache.admit("a", model("a"), true)).isNotNull();
        assertThat(cache.admit("b", model("b"), true)).isNotNull();

        assertThat(cache.admit("c", model("c"), true)).as("a and b were used in this interval").isNull();
        assertThat(cache.bypassed).isEqualTo(1);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(written).isEmpty();
    }

    @Test
    void modelsIdleSinceTheCheckpointBeforeLastMakeRoomAndAreWrittenBackFirst() throws Exception {
        StateCache<DeviceModel> cache = cacheFor(2);
        cache.admit("a", model("a"), false);
        StateCache.Entry<DeviceModel> b = cache.admit("b", model("b"), false);
        cache.flush();
        cache.changed("b", b);
        cache.flush();
        assertThat(written).as("the flush before each barrier writes what changed").containsExactly("b");

        written.clear();
        cache.get("b");
        cache.changed("b", b);
        assertThat(cache.admit("c", model("c"), false)).as("a is idle since two intervals").isNotNull();
        assertThat(cache.peek("a")).isNull();
        assertThat(cache.peek("b")).isNotNull();
        assertThat(written).as("a was clean: nothing to write").isEmpty();
        assertThat(cache.evictions).isEqualTo(1);
    }

    @Test
    void aDirtyModelLeavingTheCacheIsWrittenBack() throws Exception {
        StateCache<DeviceModel> cache = cacheFor(1);
        cache.admit("a", model("a"), true);
        cache.flush();
        written.clear();
        StateCache.Entry<DeviceModel> a = cache.peek("a");
        a.dirty = true;
        cache.flush();
        written.clear();
        a.dirty = true;
        cache.flush();
        // the flush wrote it; now make it dirty and idle, then push it out
        written.clear();
        a.dirty = true;
        assertThat(cache.admit("b", model("b"), true)).isNotNull();
        assertThat(written).containsExactly("a");
        assertThat(cache.weight()).isEqualTo(cache.peek("b").weight);
    }
}
