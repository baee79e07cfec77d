package io.fleetstream.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.OperatorIDPair;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class OperatorIdsTest {
    @Test
    void givesTheIdsFlinkDerivesFromUidsOfEveryLength() {
        // lengths around the hash's 16-byte blocks and its 8-byte tail halves, and a multi-byte character
        List<String> uids = List.of("a", "dedup", "rollups", "anomaly-v4", "current-state-ab", "source-simulator-x",
                "uid-with-a-long-name-of-thirty-three", "stations-é");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.disableOperatorChaining();
        var stream = env.fromData(1, 2, 3).assignTimestampsAndWatermarks(WatermarkStrategy.noWatermarks())
                .uid(uids.get(0));
        for (String uid : uids.subList(1, uids.size())) {
            stream = stream.map(x -> x).returns(Types.INT).uid(uid);
        }
        Set<OperatorID> flinks = new HashSet<>();
        for (JobVertex v : env.getStreamGraph().getJobGraph().getVertices()) {
            for (OperatorIDPair pair : v.getOperatorIDs()) {
                flinks.add(pair.getGeneratedOperatorID());
            }
        }
        for (String uid : uids) {
            assertThat(flinks).as(uid).contains(OperatorIds.of(uid));
        }
    }
}
