package io.fleetstream.anomaly.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PointStoreTest {

    /**
     * The codec numbers live points by origin. Slots are reused in no particular order, and origins are either
     * close together (placed by offset) or far apart, as in a model without time decay that keeps very old points
     * (sorted): both must list exactly the referenced slots, oldest first.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 1_000_003})
    void listsLiveSlotsInOriginOrderWhetherOriginsAreDenseOrSpread(long spacing) {
        PointStore ps = new PointStore(2, 4);
        Random r = new Random(9);
        List<Integer> live = new ArrayList<>();
        for (long s = 0; s < 3000; s++) {
            int slot = ps.add(new float[] {s, -s}, 0, s * spacing);
            ps.retain(slot);
            live.add(slot);
            if (live.size() > 200) {
                // drop a random one, so the freed slot is reused by a later origin
                ps.release(live.remove(r.nextInt(live.size())));
            }
        }
        live.sort(Comparator.comparingLong(slot -> ps.origin[slot]));
        int[] expected = live.stream().mapToInt(Integer::intValue).toArray();
        assertThat(ps.liveSlotsByOrigin()).isEqualTo(expected);
    }
}
