package io.fleetstream.sinks.lake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.streaming.api.functions.sink.filesystem.PartFileInfo;
import org.junit.jupiter.api.Test;

class SizeAndAgeRollingPolicyTest {
    private static final long MB = 1024 * 1024;
    private final SizeAndAgeRollingPolicy<String, String> policy = new SizeAndAgeRollingPolicy<>(128 * MB, 900_000);

    @Test
    void rollsOnEveryCheckpointWhateverTheFilesSizeAndAge() {
        assertThat(policy.shouldRollOnCheckpoint(part(0, 1_000, 0))).isTrue();
        assertThat(policy.shouldRollOnCheckpoint(part(1, 1_000, 10))).isTrue();
    }

    @Test
    void rollsOnARecordOnceTheFileReachedItsMaximumSize() throws Exception {
        assertThat(policy.shouldRollOnEvent(part(0, 0, 128 * MB - 1), "row")).isFalse();
        assertThat(policy.shouldRollOnEvent(part(0, 0, 128 * MB), "row")).isTrue();
        assertThat(policy.shouldRollOnEvent(part(0, 0, 300 * MB), "row")).isTrue();
    }

    @Test
    void rollsOnATimerOnceTheFileHasBeenOpenForItsMaximumAge() {
        PartFileInfo<String> opened = part(10_000, 10_000, 5);
        assertThat(policy.shouldRollOnProcessingTime(opened, 10_000 + 899_999)).isFalse();
        assertThat(policy.shouldRollOnProcessingTime(opened, 10_000 + 900_000)).isTrue();
    }

    @Test
    void aRecentWriteDoesNotMakeAFileYounger() {
        // Age counts from when the file was opened, not from its last write.
        assertThat(policy.shouldRollOnProcessingTime(part(0, 899_000, 5), 900_000)).isTrue();
    }

    @Test
    void neitherSizeNorAgeRollsASmallYoungFile() throws Exception {
        PartFileInfo<String> small = part(1_000, 1_500, 4_096);
        assertThat(policy.shouldRollOnEvent(small, "row")).isFalse();
        assertThat(policy.shouldRollOnProcessingTime(small, 2_000)).isFalse();
    }

    private static PartFileInfo<String> part(long created, long updated, long size) {
        return new PartFileInfo<>() {
            @Override
            public String getBucketId() {
                return "dt=2025-11-20/hr=06/device_group=g";
            }

            @Override
            public long getCreationTime() {
                return created;
            }

            @Override
            public long getSize() {
                return size;
            }

            @Override
            public long getLastUpdateTime() {
                return updated;
            }
        };
    }
}
