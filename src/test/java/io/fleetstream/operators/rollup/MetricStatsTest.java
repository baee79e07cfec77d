package io.fleetstream.operators.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricStatsTest {

    @Test
    void matchesATwoPassComputationAndStaysAccurateOnLargeOffsets() {
        Random random = new Random(1);
        double[] xs = new double[1000];
        MetricStats s = new MetricStats();
        for (int i = 0; i < xs.length; i++) {
            xs[i] = 1e9 + random.nextGaussian();
            s.add("m", i, xs[i]);
        }
        double mean = 0;
        for (double x : xs) {
            mean += x / xs.length;
        }
        double ss = 0;
        for (double x : xs) {
            ss += (x - mean) * (x - mean);
        }
        assertThat(s.mean[0]).isCloseTo(mean, within(1e-6));
        assertThat(s.stddev(0)).isCloseTo(Math.sqrt(ss / (xs.length - 1)), within(1e-6));
        assertThat(s.first[0]).isEqualTo(xs[0]);
        assertThat(s.last[0]).isEqualTo(xs[xs.length - 1]);
    }

    @Test
    void mergingPartsEqualsAddingEverything() {
        MetricStats all = new MetricStats();
        MetricStats a = new MetricStats();
        MetricStats b = new MetricStats();
        for (int i = 0; i < 100; i++) {
            double v = Math.sin(i) * 10;
            all.add("m", i, v);
            (i % 3 == 0 ? a : b).add("m", i, v);
        }
        b.add("other", 5, 1.0);
        a.merge(b);
        assertThat(a.count[0]).isEqualTo(all.count[0]);
        assertThat(a.mean[0]).isCloseTo(all.mean[0], within(1e-12));
        assertThat(a.stddev(0)).isCloseTo(all.stddev(0), within(1e-12));
        assertThat(a.first[0]).isEqualTo(all.first[0]);
        assertThat(a.last[0]).isEqualTo(all.last[0]);
        assertThat(a.metrics).containsExactly("m", "other");
    }

    @Test
    void firstAndLastFollowEventTimeNotArrivalOrder() {
        MetricStats s = new MetricStats();
        s.add("m", 20, 2.0);
        s.add("m", 10, 1.0);
        s.add("m", 30, 3.0);
        s.add("m", 15, 1.5);
        assertThat(s.first[0]).isEqualTo(1.0);
        assertThat(s.last[0]).isEqualTo(3.0);
        assertThat(s.stddev(0)).isNotNull();
    }

    @Test
    void stddevIsNullForASingleValue() {
        MetricStats s = new MetricStats();
        s.add("m", 1, 4.0);
        assertThat(s.stddev(0)).isNull();
    }
}
