package io.fleetstream.anomaly.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** After many inserts and evictions every tree is still a valid random cut tree over its reservoir. */
class TreeInvariantsTest {

    @Test
    void treesStayConsistentWithTheirReservoirsThroughInsertsDeletesAndDecode() {
        int dims = 3;
        Model m = new Model(dims, 1, 10, 32, 8, 0.01, 5, 0.01, 100, 0.02f, 0, false);
        Random r = new Random(2);
        double[] p = new double[dims];
        for (int i = 0; i < 5000; i++) {
            for (int j = 0; j < dims; j++) {
                // coarse values: many duplicates, so leaves with mass > 1 are exercised too
                p[j] = Math.round(r.nextGaussian() * 3) / 2.0;
            }
            m.process(p);
            if (i % 500 == 499) {
                check(m.forest);
                Model copy = ModelCodec.decode(ModelCodec.encode(m));
                check(copy.forest);
            }
        }
    }

    @Test
    void rootCutsPickDimensionsInProportionToTheirRangeAfterManyEvictions() {
        Forest f = new Forest(2, 400, 64, 0.002, 3);
        Random r = new Random(4);
        for (int i = 0; i < 3000; i++) {
            f.update(new float[] {(float) (10 * r.nextDouble()), (float) r.nextDouble()});
        }
        int first = 0;
        double expected = 0;
        for (int t = 0; t < f.numberOfTrees; t++) {
            int root = f.trees.root[t];
            int g = t * f.trees.nodeStride + root;
            if ((f.trees.node[g * Trees.W + Trees.CUT] & 0xFFFF) == 0) {
                first++;
            }
            float[] box = f.trees.boxOf(t, root);
            double r0 = box[2] - box[0];
            double r1 = box[3] - box[1];
            expected += r0 / (r0 + r1);
        }
        // as in a tree built from scratch on the same sample: P(dimension) = its share of the box's range
        assertThat((double) first / f.numberOfTrees).isCloseTo(expected / f.numberOfTrees,
                org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void boxesNodesLeavesAndReservoirsGrowWithTheTreesSoAYoungModelHoldsOnlyWhatItHas() {
        Forest f = new Forest(16, 50, 256, 1.0 / 2560, 9);
        Random r = new Random(3);
        float[] q = new float[16];
        for (int i = 0; i < 3000; i++) {
            for (int j = 0; j < q.length; j++) {
                q[j] = (float) r.nextGaussian();
            }
            f.score(q);
            f.update(q.clone());
            if (i == 99) {
                // 100 points: every tree holds all of them, so 99 internal nodes, not 255
                for (int t = 0; t < f.numberOfTrees; t++) {
                    assertThat(f.trees.box[t].length / (2 * 16)).as("tree %d boxes", t).isBetween(99, 99 + 99 / 8 + 8);
                }
                // and room in the node, leaf and reservoir arrays for about 100 ids a tree, not 255 or 256
                assertThat(f.trees.nodeStride).isBetween(99, 99 + 99 / 4 + 8);
                assertThat(f.trees.leafStride).isBetween(100, 100 + 100 / 4 + 8);
                assertThat(f.reservoirs.stride).isBetween(100, 100 + 100 / 4 + 8);
                // full-size boxes alone would be 50 x 255 x 128 bytes = 1.63 MB
                assertThat(f.heapBytes()).isLessThan(1_100_000);
            }
        }
        // grown to the full tree through many steps: the boxes are still exact
        check(f);
        assertThat(f.trees.box[0].length).isEqualTo(255 * 2 * 16);
    }

    @Test
    void aCompactForestKeepsAFewOfTheBoxesAndScoresExactlyAsAFullOne() {
        Forest full = new Forest(16, 20, 256, 1.0 / 2560, 11);
        Forest compact = new Forest(16, 20, 256, 1.0 / 2560, 11);
        Random r = new Random(5);
        float[] q = new float[16];
        for (int i = 0; i < 4000; i++) {
            for (int j = 0; j < q.length; j++) {
                // a slow wave with noise, and now and then a point far off: walks up end low and high
                q[j] = (float) (10 * Math.sin(i * 0.05 + j / 4) + r.nextGaussian() + (i % 97 == 0 ? 30 : 0));
            }
            if (i == 300) {
                // mid-stream, as the cache does it: boxes kept so far are dropped and worked out again
                compact.compact();
            }
            assertThat(compact.score(q)).as("score %d", i).isEqualTo(full.score(q));
            full.update(q.clone());
            compact.update(q.clone());
            if (i % 1000 == 999) {
                check(compact);
            }
        }
        int kept = 0;
        int nodes = 0;
        for (int t = 0; t < compact.numberOfTrees; t++) {
            for (int i = 0; i < compact.trees.nodeStride; i++) {
                kept += compact.trees.keepsBox(t, i) ? 1 : 0;
            }
            nodes += compact.trees.treeMass(t) - 1;
        }
        assertThat((double) kept / nodes).isBetween(0.1, 0.4);
        assertThat(compact.heapBytes()).isLessThan(full.heapBytes() * 3 / 4);
    }

    private static void check(Forest f) {
        Trees tr = f.trees;
        int[] refs = new int[f.points.capacity()];
        for (int t = 0; t < tr.trees; t++) {
            int entries = f.reservoirs.count[t];
            assertThat(tr.treeMass(t)).as("tree %d mass", t).isEqualTo(entries);
            for (int e = 0; e < entries; e++) {
                refs[f.reservoirs.slot[t * f.reservoirs.stride + e]]++;
            }
            if (tr.root[t] != Trees.EMPTY) {
                int leafMass = walk(f, t, tr.root[t], new float[f.dims], new float[f.dims]);
                assertThat(leafMass).as("tree %d leaf masses", t).isEqualTo(entries);
            }
        }
        for (int s = 0; s < refs.length; s++) {
            assertThat(f.points.refs[s]).as("references to slot %d", s).isEqualTo(refs[s]);
        }
    }

    /** Checks exact boxes and that every cut separates its children; returns the subtree's mass. */
    private static int walk(Forest f, int t, int ref, float[] lo, float[] hi) {
        Trees tr = f.trees;
        int dims = f.dims;
        if (ref < 0) {
            int gl = t * tr.leafStride - ref - 1;
            int slot = tr.leafSlot[gl];
            for (int j = 0; j < dims; j++) {
                lo[j] = f.points.values[slot * dims + j];
                hi[j] = lo[j];
            }
            return tr.leafMass[gl];
        }
        int g = t * tr.nodeStride + ref;
        float[] llo = new float[dims];
        float[] lhi = new float[dims];
        float[] rlo = new float[dims];
        float[] rhi = new float[dims];
        int ml = walk(f, t, Trees.left(tr.node[g * Trees.W]), llo, lhi);
        int mr = walk(f, t, Trees.right(tr.node[g * Trees.W]), rlo, rhi);
        int k = tr.node[g * Trees.W + Trees.CUT] & 0xFFFF;
        assertThat(lhi[k]).as("cut in dimension %d separates the children", k).isLessThan(rlo[k]);
        tr.ensureBox(t, ref);
        // a kept box, or one worked out from below: either is the exact box of the subtree's points
        float[] box = tr.boxOf(t, ref);
        for (int j = 0; j < dims; j++) {
            lo[j] = Math.min(llo[j], rlo[j]);
            hi[j] = Math.max(lhi[j], rhi[j]);
            assertThat(box[j]).isEqualTo(lo[j]);
            assertThat(box[dims + j]).isEqualTo(hi[j]);
        }
        // the cache kept with the box: the gap around the cut
        assertThat(tr.gapLo(g)).isEqualTo(lhi[k]);
        assertThat(tr.gapHi(g)).isEqualTo(rlo[k]);
        return ml + mr;
    }
}
