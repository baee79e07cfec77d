package io.fleetstream.sinks.timeseries;

import io.fleetstream.model.Reading;
import io.fleetstream.model.Rollup;
import io.fleetstream.testing.NoKryo;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Small Flink jobs that write records through a sink, on the test's MiniCluster. */
final class Jobs {
    private Jobs() {}

    static final TypeInformation<Rollup> ROLLUP = TypeInformation.of(Rollup.class);
    static final TypeInformation<Reading> READING = TypeInformation.of(Reading.class);

    /** No restarts (a failure fails the test), no Kryo. */
    static StreamExecutionEnvironment env() {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        NoKryo.on(env.getConfig());
        env.setParallelism(1);
        return env;
    }

    static <T> void write(List<T> records, TypeInformation<T> type, LineProtocolSink<T> sink) throws Exception {
        StreamExecutionEnvironment env = env();
        env.fromData(records, type).sinkTo(sink).name("time-series");
        env.execute("write " + records.size() + " points");
    }
}
