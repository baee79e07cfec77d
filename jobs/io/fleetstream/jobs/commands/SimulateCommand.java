package io.fleetstream.jobs.commands;

import static io.fleetstream.jobs.config.SimulatorOptions.GROUND_TRUTH;
import static io.fleetstream.jobs.config.SimulatorOptions.RATE;

import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.RunOptions;
import io.fleetstream.jobs.config.SourceOptions;
import io.fleetstream.jobs.simulator.FleetSimulator;
import io.fleetstream.jobs.sources.Simulators;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code simulate}: writes a simulated fleet, in delivery order, to an NDJSON file, a Kafka topic or a Kinesis
 * stream (keyed by device), plus the ground truth of the injected faults. No Flink: it is a plain loop over the simulator.
 */
public final class SimulateCommand {
    private SimulateCommand() {}

    public static int run(FleetConfig cfg, PrintStream out) throws Exception {
        FleetSimulator sim = Simulators.create(cfg);
        Path folder = Path.of(cfg.get(RunOptions.SIMULATE_PATH));
        if (!cfg.isSet(GROUND_TRUTH)) {
            cfg = cfg.with(Map.of(GROUND_TRUTH.key(), folder.resolve("ground-truth.csv").toString()));
        }
        Simulators.writeGroundTruth(cfg, sim);
        Pacer pacer = new Pacer(cfg.get(RATE));
        long[] written = {0};
        if (cfg.get(RunOptions.SIMULATE_TO) == RunOptions.SimulateTarget.KAFKA) {
            String topic = cfg.get(SourceOptions.KAFKA_TOPICS).split(",")[0].trim();
            try (KafkaProducer<byte[], byte[]> producer = producer(cfg)) {
                forEach(sim, pacer, (device, payload) -> {
                    producer.send(new ProducerRecord<>(topic, device, payload));
                    written[0]++;
                });
                producer.flush();
            }
            out.printf("wrote %,d records to Kafka topic %s%n", written[0], topic);
        } else if (cfg.get(RunOptions.SIMULATE_TO) == RunOptions.SimulateTarget.KINESIS) {
            String stream;
            try (KinesisWriter kinesis = new KinesisWriter(cfg)) {
                stream = kinesis.streamName();
                forEach(sim, pacer, (device, payload) -> {
                    try {
                        kinesis.put(device, payload);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while writing to Kinesis", e);
                    }
                    written[0]++;
                });
            }
            out.printf("wrote %,d records to Kinesis stream %s%n", written[0], stream);
        } else {
            Files.createDirectories(folder);
            Path file = folder.resolve("telemetry.ndjson");
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                forEach(sim, pacer, (device, payload) -> {
                    try {
                        o.write(payload);
                        o.write('\n');
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    written[0]++;
                });
            }
            out.printf("wrote %,d records to %s%n", written[0], file);
        }
        out.printf("ground truth: %d injected faults in %s%n", sim.groundTruth().size(), cfg.get(GROUND_TRUTH));
        return 0;
    }

    private interface PayloadSink {
        void accept(byte[] deviceKey, byte[] payload);
    }

    private static void forEach(FleetSimulator sim, Pacer pacer, PayloadSink sink) throws InterruptedException {
        byte[][] keys = new byte[sim.devices()][];
        for (int d = 0; d < keys.length; d++) {
            keys[d] = sim.deviceId(d).getBytes(StandardCharsets.UTF_8);
        }
        for (long round = 0; round < sim.rounds(); round++) {
            for (int d = 0; d < sim.devices(); d++) {
                byte[] key = keys[d];
                Consumer<byte[]> each = payload -> sink.accept(key, payload);
                sim.payloads(round, d, each);
                pacer.tick();
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(FleetConfig cfg) {
        Properties p = cfg.withPrefix(SourceOptions.KAFKA_PROPERTIES_PREFIX);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cfg.get(SourceOptions.KAFKA_BOOTSTRAP));
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Keeps to simulator.rate device readings per second (0: no limit). */
    private static final class Pacer {
        private final double perSecond;
        private final long start = System.nanoTime();
        private long ticks;

        Pacer(double perSecond) {
            this.perSecond = perSecond;
        }

        void tick() throws InterruptedException {
            if (perSecond <= 0) {
                return;
            }
            ticks++;
            long due = start + (long) (ticks / perSecond * 1e9);
            long wait = due - System.nanoTime();
            if (wait > 1_000_000L) {
                Thread.sleep(wait / 1_000_000L);
            }
        }
    }
}
