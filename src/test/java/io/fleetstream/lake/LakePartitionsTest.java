package io.fleetstream.lake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LakePartitionsTest {

    @Test
    void partitionsByUtcDayHourAndGroup() {
        assertThat(LakePartitions.path(1_763_633_730_250L, "reefers-west"))
                .isEqualTo("dt=2025-11-20/hr=10/device_group=reefers-west");
        assertThat(LakePartitions.path(0L, "g")).isEqualTo("dt=1970-01-01/hr=00/device_group=g");
    }

    @Test
    void noGroupValueCanChangeThePath() {
        assertThat(LakePartitions.escape("../../etc")).isEqualTo("..%2F..%2Fetc");
        assertThat(LakePartitions.escape("a=b/c")).isEqualTo("a%3Db%2Fc");
        assertThat(LakePartitions.escape("x\ny\\z%")).isEqualTo("x%0Ay%5Cz%25");
        assertThat(LakePartitions.escape("kühl räume")).isEqualTo("kühl räume");
        assertThat(LakePartitions.escape("")).isEqualTo(LakePartitions.DEFAULT_PARTITION);
        assertThat(LakePartitions.path(0L, "a/b")).doesNotContain("a/b");
    }

    @Test
    void unescapeUndoesEscape() {
        for (String g : new String[] {"reefers-west", "../../etc", "a=b/c", "x\ny\\z%", "kühl räume", "50%"}) {
            assertThat(LakePartitions.unescape(LakePartitions.escape(g))).isEqualTo(g);
        }
        assertThat(LakePartitions.unescape("a%2")).isEqualTo("a%2");
        assertThat(LakePartitions.hourPath(1_763_633_730_250L)).isEqualTo("dt=2025-11-20/hr=10");
    }
}
