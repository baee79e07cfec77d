package io.fleetstream.sinks.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.model.DeviceState;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Device state snapshots as the current-state operator emits them, with known newest states: snapshot k of a
 * device is emitted at event time {@code T0 + (k + 1) * 10 s}; every third one only raises or clears an alarm at
 * the same {@code lastSeen} as the one before it, and the last one of each device is such an alarm-only change.
 */
final class Snapshots {
    private Snapshots() {}

    static final long T0 = 1_763_633_700_000L; // 2025-11-20T10:15:00Z
    static final long EMIT = 10_000L;
    static final String ALARM = "reefer-temperature-high=WARNING";

    static String deviceId(int d) {
        return String.format("reefer-%03d", d);
    }

    static DeviceState snapshot(int d, int k) {
        int reading = k % 3 == 2 ? k - 1 : k;
        DeviceState s = new DeviceState();
        s.deviceId = deviceId(d);
        s.deviceGroup = d % 2 == 0 ? "reefers-west" : "reefers-east";
        s.lastSeen = T0 + reading * EMIT + d;
        s.metrics = new String[] {"temp_c", "door_open", "fuel_pct"};
        s.values = new double[] {d + reading * 0.5, reading % 2, 100 - reading * 0.25};
        // fuel_pct is reported every other reading only, so its time lags lastSeen half of the time.
        long fuelTime = T0 + (reading - reading % 2) * EMIT + d;
        s.metricTimes = new long[] {s.lastSeen, s.lastSeen, fuelTime};
        s.activeAlarms = ((k + 1) / 3) % 2 == 1 ? new String[] {ALARM} : new String[0];
        return s;
    }

    static long emitTime(int k) {
        return T0 + (k + 1) * EMIT;
    }

    /** A multiple of three: each device's newest snapshot is an alarm-only change. */
    static int perDevice(int n) {
        return n - n % 3;
    }

    /**
     * Every snapshot of {@code devices} devices, {@code perDevice} each, in a shuffled order, with their emit times
     * as record timestamps, from one reader; bounded, optionally throttled to {@code perSecond}.
     */
    static DataStream<DeviceState> shuffled(StreamExecutionEnvironment env, int devices, int perDevice, long seed,
            double perSecond) {
        List<Integer> order = new ArrayList<>(devices * perDevice);
        for (int i = 0; i < devices * perDevice; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        return stream(env, order.stream().mapToInt(Integer::intValue).toArray(), perDevice, perSecond);
    }

    /** As the current-state operator emits them: every device's first snapshot, then every device's second, ... */
    static SingleOutputStreamOperator<DeviceState> inTimeOrder(StreamExecutionEnvironment env, int devices, int perDevice) {
        int[] order = new int[devices * perDevice];
        for (int i = 0; i < order.length; i++) {
            order[i] = (i % devices) * perDevice + i / devices;
        }
        return stream(env, order, perDevice, 0);
    }

    private static SingleOutputStreamOperator<DeviceState> stream(StreamExecutionEnvironment env, int[] permutation, int perDevice,
            double perSecond) {
        TypeInformation<Tuple2<Long, DeviceState>> type = Types.TUPLE(Types.LONG, TypeInformation.of(DeviceState.class));
        DataGeneratorSource<Tuple2<Long, DeviceState>> source = new DataGeneratorSource<>(
                new Generator(permutation, perDevice), permutation.length,
                perSecond > 0 ? RateLimiterStrategy.perSecond(perSecond) : RateLimiterStrategy.noOp(), type);
        // One reader: parallel readers would each emit a range of the order, interleaved.
        return env.fromSource(source, WatermarkStrategy.<Tuple2<Long, DeviceState>>noWatermarks()
                        .withTimestampAssigner((t, previous) -> t.f0), "snapshots", type).setParallelism(1)
                .map(t -> t.f1).returns(TypeInformation.of(DeviceState.class)).setParallelism(1).name("snapshot");
    }

    private static final class Generator implements GeneratorFunction<Long, Tuple2<Long, DeviceState>>, Serializable {
        private static final long serialVersionUID = 1L;
        private final int[] permutation;
        private final int perDevice;

        Generator(int[] permutation, int perDevice) {
            this.permutation = permutation;
            this.perDevice = perDevice;
        }

        @Override
        public Tuple2<Long, DeviceState> map(Long index) {
            int i = permutation[index.intValue()];
            int d = i / perDevice;
            int k = i % perDevice;
            return Tuple2.of(emitTime(k), snapshot(d, k));
        }
    }

    /** The item holds exactly this state. */
    static void assertItemHolds(Map<String, AttributeValue> item, DeviceState s, long emitTime) {
        assertThat(item).as(s.deviceId).isNotNull();
        assertThat(item.get("deviceId").s()).isEqualTo(s.deviceId);
        assertThat(item.get("deviceGroup").s()).as(s.deviceId).isEqualTo(s.deviceGroup);
        assertThat(Long.parseLong(item.get("lastSeen").n())).as(s.deviceId).isEqualTo(s.lastSeen);
        assertThat(Long.parseLong(item.get("snapshotTime").n())).as(s.deviceId).isEqualTo(emitTime);
        Map<String, AttributeValue> metrics = item.get("metrics").m();
        Map<String, AttributeValue> times = item.get("metricTimes").m();
        assertThat(metrics).as(s.deviceId).hasSize(s.metrics.length);
        for (int i = 0; i < s.metrics.length; i++) {
            assertThat(Double.parseDouble(metrics.get(s.metrics[i]).n())).as(s.deviceId + " " + s.metrics[i])
                    .isEqualTo(s.values[i]);
            assertThat(Long.parseLong(times.get(s.metrics[i]).n())).as(s.deviceId + " " + s.metrics[i])
                    .isEqualTo(s.metricTimes[i]);
        }
        if (s.activeAlarms.length == 0) {
            assertThat(item).as(s.deviceId).doesNotContainKey("activeAlarms");
        } else {
            assertThat(item.get("activeAlarms").l()).as(s.deviceId).extracting(AttributeValue::s)
                    .containsExactly(s.activeAlarms);
        }
        assertThat(item).containsKey("updatedAt");
    }
}
