package io.fleetstream.sinks.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.sinks.lake.internal.HivePartitions;
import org.junit.jupiter.api.Test;

class HivePartitionsTest {

    @Test
    void partitionsByUtcDayHourAndGroup() {
        assertThat(HivePartitions.path(1_763_633_730_250L, "reefers-west"))
                .isEqualTo("dt=2025-11-20/hr=10/device_group=reefers-west");
        assertThat(HivePartitions.path(0L, "g")).isEqualTo("dt=1970-01-01/hr=00/device_group=g");
    }

    @Test
    void noGroupValueCanChangeThePath() {
        assertThat(HivePartitions.escape("../../etc")).isEqualTo("..%2F..%2Fetc");
        assertThat(HivePartitions.escape("a=b/c")).isEqualTo("a%3Db%2Fc");
        assertThat(HivePartitions.escape("x\ny\\z%")).isEqualTo("x%0Ay%5Cz%25");
        assertThat(HivePartitions.escape("kühl räume")).isEqualTo("kühl räume");
        assertThat(HivePartitions.escape("")).isEqualTo(HivePartitions.DEFAULT_PARTITION);
        assertThat(HivePartitions.path(0L, "a/b")).doesNotContain("a/b");
    }
}
