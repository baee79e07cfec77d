package io.fleetstream.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetstream.jobs.commands.ReplayCommand;
import io.fleetstream.lake.LakeReader;
import io.fleetstream.testing.KinesisMock;
import io.fleetstream.testing.Pipelines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay command on a Kinesis stream of 4 shards (kinesis-mock): it reads the stream's window by arrival time
 * with the bounded source, ends by itself, and keeps the readings whose event time is in the window, each once.
 */
class ReplayKinesisWindowTest {
    @RegisterExtension
    static final KinesisMock KINESIS = new KinesisMock();

    @Test
    void aReplayOfAKinesisWindowKeepsEachReadingOfTheEventTimeWindowOnce(@TempDir Path dir) throws Exception {
        // Kinesis positions records by arrival (now): the window ends just after now, so the replay reads what
        // arrives now (within the margin) and the bounded source may end at the stream's tip a few seconds later;
        // the event times then decide what is kept
        long now = System.currentTimeMillis();
        long from = now - 600_000L;
        long to = now + 2_000L;
        String arn = KINESIS.server().createStream("replay-command", 4);
        List<String> expected = new ArrayList<>();
        List<Map.Entry<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String device = "dev-" + i % 8;
            // every third reading is from outside the event-time window (a device's late backlog)
            long event = i % 3 == 0 ? from - 60_000L - i * 1000L : from + 60_000L + i * 1000L;
            // all in the past: a replay window is history
            String json = "{\"deviceId\":\"" + device + "\",\"deviceGroup\":\"g\",\"timestamp\":" + event
                    + ",\"seq\":" + i + ",\"data\":{\"v\":" + i + "}}";
            records.add(new SimpleEntry<>(device, json.getBytes(StandardCharsets.UTF_8)));
            if (i % 3 != 0) {
                expected.add(device + "@" + event);
            }
        }
        KINESIS.server().put(arn, records);

        Path lake = dir.resolve("lake");
        Map<String, String> options = new HashMap<>(KINESIS.server().options());
        options.put("source.type", "kinesis");
        options.put("source.kinesis.stream-arn", arn);
        options.put("replay.from", Instant.ofEpochMilli(from).toString());
        options.put("replay.to", Instant.ofEpochMilli(to).toString());
        options.put("replay.margin", "10 s");
        options.put("replay.run-id", "kinesis-window");
        options.put("lake.path", lake.toUri().toString());
        options.put("flink.parallelism.default", "2");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        // returns only once the bounded job has finished by itself
        int code = ReplayCommand.run(Pipelines.config(options), new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.out.println(printed.toString(StandardCharsets.UTF_8));
        assertThat(code).isZero();

        List<String> readings = LakeReader.read(lake.resolve("replays").resolve("kinesis-window"), "readings")
                .stream().map(r -> r.get("device_id") + "@" + r.get("event_time")).sorted()
                .collect(Collectors.toList());
        assertThat(readings).as("every reading of the event-time window, once")
                .isEqualTo(expected.stream().sorted().collect(Collectors.toList()));
    }
}
