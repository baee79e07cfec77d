package io.fleetstream.connectors.kinesis.source.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetstream.connectors.kinesis.KinesisClients;
import io.fleetstream.connectors.kinesis.source.EnhancedFanOut;
import io.fleetstream.testing.KinesisMock;
import io.fleetstream.testing.KinesisMockServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerDescription;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;

/** Registering, finding and deregistering an enhanced fan-out consumer on kinesis-mock. */
class StreamConsumersTest {
    @RegisterExtension
    static final KinesisMock KINESIS = new KinesisMock();

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void aJobManagedConsumerIsReusedWhenRegisteredAndRegisteredAgainWhenItIsStillBeingDeleted() throws Exception {
        KinesisMockServer server = KINESIS.server();
        String stream = server.createStream("efo-consumers", 1);
        KinesisClient sync = server.client();
        try (KinesisClients clients = KinesisClients.createForSubscriptions(server.clientProperties(),
                KinesisMockServer.REGION)) {
            StreamConsumers consumers = new StreamConsumers(clients.client(), stream,
                    EnhancedFanOut.jobManaged("efo-job"), Duration.ofSeconds(20));

            String first = consumers.prepare();
            assertThat(describe(sync, first).consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE);
            assertThat(consumers.prepare()).as("a job started again while its consumer is registered").isEqualTo(first);

            // a global failover: the closing enumerator deregisters, the new one registers at once
            consumers.deregister(first);
            assertThat(describe(sync, first).consumerStatus()).isEqualTo(ConsumerStatus.DELETING);
            String second = consumers.prepare();
            assertThat(second).isNotEqualTo(first).startsWith(stream + "/consumer/efo-job:");
            assertThat(describe(sync, second).consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE);
        }
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void aSelfManagedConsumerIsFoundByNameOrArnAndAMissingOneIsNamedWithItsStream() throws Exception {
        KinesisMockServer server = KINESIS.server();
        String stream = server.createStream("efo-self-managed", 1);
        String arn = server.client().registerStreamConsumer(b -> b.streamARN(stream).consumerName("ops"))
                .consumer().consumerARN();
        try (KinesisClients clients = KinesisClients.createForSubscriptions(server.clientProperties(),
                KinesisMockServer.REGION)) {
            assertThat(new StreamConsumers(clients.client(), stream, EnhancedFanOut.selfManaged("ops")).prepare())
                    .as("waited for while CREATING").isEqualTo(arn);
            assertThat(new StreamConsumers(clients.client(), stream, EnhancedFanOut.consumerArn(arn)).prepare())
                    .isEqualTo(arn);
            assertThatThrownBy(() -> new StreamConsumers(clients.client(), stream,
                    EnhancedFanOut.selfManaged("nobody")).prepare())
                    .hasMessageStartingWith("stream consumer 'nobody' is not registered on " + stream
                            + ": a self-managed consumer must exist before the job starts");
        }
        assertThat(server.client().listStreamConsumers(b -> b.streamARN(stream)).consumers())
                .as("self-managed consumers are left alone").hasSize(1);
    }

    private static ConsumerDescription describe(KinesisClient client, String consumerArn) {
        return client.describeStreamConsumer(b -> b.consumerARN(consumerArn)).consumerDescription();
    }
}
