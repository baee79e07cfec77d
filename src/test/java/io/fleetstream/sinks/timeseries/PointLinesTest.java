package io.fleetstream.sinks.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.model.Reading;
import io.fleetstream.model.Rollup;
import io.fleetstream.sinks.timeseries.internal.LineBuilder;
import io.fleetstream.sinks.timeseries.internal.PointConverter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The exact lines written for rollups and readings, and what a point cannot carry. */
class PointLinesTest {
    static final long T = 1_763_633_700_000L;

    static Rollup rollup(String device, String group, int revision, Double stddev) {
        Rollup r = new Rollup();
        r.deviceId = device;
        r.deviceGroup = group;
        r.metric = "temp_c";
        r.windowSpec = "5m/1m";
        r.windowStart = T;
        r.windowEnd = T + 300_000;
        r.count = 12;
        r.min = -1.5;
        r.max = 4.25;
        r.sum = 20.0;
        r.mean = 20.0 / 12;
        r.stddev = stddev;
        r.first = 0.1;
        r.last = 3.0;
        r.revision = revision;
        return r;
    }

    private static <T> String line(PointWriter<T> writer, T record, Precision precision) {
        byte[] bytes = new PointConverter<>(writer, precision, 1 << 20).apply(record, null);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void aRollupIsOnePointTaggedByItsKeyAtItsWindowStart() {
        assertThat(line(new RollupPoints(), rollup("reefer-0042", "reefers-west", 2, 0.5), Precision.MS))
                .isEqualTo("rollups,device_id=reefer-0042,device_group=reefers-west,metric=temp_c,window_spec=5m/1m "
                        + "count=12i,min=-1.5,max=4.25,sum=20.0,mean=" + (20.0 / 12) + ",stddev=0.5,first=0.1,last=3.0,"
                        + "revision=2i " + T);
    }

    @Test
    void aNullStddevIsLeftOut() {
        assertThat(line(new RollupPoints(), rollup("d", "g", 0, null), Precision.MS))
                .doesNotContain("stddev").contains("mean=").contains("first=0.1");
    }

    @Test
    void specialCharactersInDeviceAndGroupAreEscaped() {
        assertThat(line(new RollupPoints(), rollup("truck 7,\"β\"=x\\", "cold chain\nwest", 0, null), Precision.MS))
                .startsWith("rollups,device_id=truck\\ 7\\,\"β\"\\=x\\\\,device_group=cold\\ chain\\ west,metric=");
    }

    @Test
    void theTimestampFollowsThePrecision() {
        Rollup r = rollup("d", "g", 0, null);
        assertThat(line(new RollupPoints(), r, Precision.S)).endsWith(" " + T / 1000);
        assertThat(line(new RollupPoints(), r, Precision.US)).endsWith(" " + T * 1000);
        assertThat(line(new RollupPoints(), r, Precision.NS)).endsWith(" " + T * 1_000_000);
        r.windowStart = -1;
        assertThat(line(new RollupPoints(), r, Precision.S)).endsWith(" -1");
    }

    @Test
    void aReadingIsOnePointWithAFieldPerMetricAtItsEventTime() {
        Reading r = new Reading("pump-1", "pumps", T + 250, 7L, new String[] {"pressure_bar", "door open"},
                new double[] {2.5, 1.0});
        assertThat(line(new ReadingPoints(), r, Precision.MS))
                .isEqualTo("readings,device_id=pump-1,device_group=pumps pressure_bar=2.5,door\\ open=1.0 "
                        + (T + 250));
    }

    @Test
    void metricsThatWouldCollideWithTheStoresColumnsAreLeftOut() {
        Reading r = new Reading("d", "g", T, null,
                new String[] {"time", "Timestamp", "device_id", "_internal", "temp", "TEMP", "ok"},
                new double[] {1, 2, 3, 4, 5, 6, 7});
        assertThat(line(new ReadingPoints(), r, Precision.MS))
                .isEqualTo("readings,device_id=d,device_group=g temp=5.0,ok=7.0 " + T);
    }

    @Test
    void nonFiniteValuesAreLeftOutAndAPointWithoutFieldsIsNotWritten() {
        Reading r = new Reading("d", "g", T, null, new String[] {"a", "b"}, new double[] {Double.NaN, 1});
        assertThat(line(new ReadingPoints(), r, Precision.MS)).isEqualTo("readings,device_id=d,device_group=g b=1.0 " + T);
        Reading none = new Reading("d", "g", T, null, new String[] {"a", "time"},
                new double[] {Double.POSITIVE_INFINITY, 1});
        assertThat(new PointConverter<>(new ReadingPoints(), Precision.MS, 1 << 20).apply(none, null))
                .isSameAs(LineBuilder.NO_POINT);
    }

    @Test
    void emptyTagValuesAreLeftOutBecauseTheProtocolHasNone() {
        assertThat(line(new RollupPoints(), rollup("d", "", 0, null), Precision.MS))
                .startsWith("rollups,device_id=d,metric=temp_c,");
        assertThat(line(new RollupPoints(), rollup("d", null, 0, null), Precision.MS))
                .startsWith("rollups,device_id=d,metric=temp_c,");
    }

    @Test
    void aLineLongerThanARequestMayCarryIsNotWritten() {
        Rollup r = rollup("x".repeat(2000), "g", 0, null);
        assertThat(new PointConverter<>(new RollupPoints(), Precision.MS, 1000).apply(r, null))
                .isSameAs(LineBuilder.NO_POINT);
        assertThat(new PointConverter<>(new RollupPoints(), Precision.MS, 3000).apply(r, null)).hasSizeGreaterThan(2000);
    }

    @Test
    void anInstantBeyondNanosecondsIsNotWritten() {
        Rollup r = rollup("d", "g", 0, null);
        r.windowStart = Long.MAX_VALUE / 1000;
        assertThat(new PointConverter<>(new RollupPoints(), Precision.NS, 1 << 20).apply(r, null))
                .isSameAs(LineBuilder.NO_POINT);
    }

    @Test
    void otherFieldTypesAndAStringWithQuotes() {
        PointWriter<String> w = (s, p) -> p.measurement("m").tag("k", "v").field("s", s).field("b", true)
                .field("n", 3L).timeMillis(1);
        assertThat(line(w, "a \"b\" \\c", Precision.MS)).isEqualTo("m,k=v s=\"a \\\"b\\\" \\\\c\",b=true,n=3i 1");
    }

    @Test
    void outOfOrderCallsAreProgrammingErrors() {
        LineBuilder b = new LineBuilder(Precision.MS);
        assertThatThrownBy(() -> b.reset().tag("k", "v")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.reset().measurement("m").field("f", 1L).tag("k", "v"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.reset().measurement("m").field("f", 1L).timeMillis(1).field("g", 2L))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.reset().measurement("m").field("", 1L)).isInstanceOf(IllegalArgumentException.class);
    }
}
