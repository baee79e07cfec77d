package io.fleetstream.connectors.kinesis.sink;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.junit.jupiter.api.Test;

class KinesisSinkBuilderTest {
    private static final String ARN = "arn:aws:kinesis:eu-west-1:123456789012:stream/fleet-alarms";

    @Test
    void rejectsAnythingButAStreamArn() {
        for (String bad : new String[] {null, "", "fleet-alarms", "arn:aws:kinesis:eu-west-1:123:stream/x",
                "arn:aws:sqs:eu-west-1:123456789012:queue"}) {
            assertThatThrownBy(() -> valid().streamArn(bad).build()).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid stream ARN");
        }
    }

    @Test
    void needsASchemaAndAPartitionKey() {
        assertThatThrownBy(() -> valid().serializationSchema(null).build()).hasMessageContaining("serialization schema");
        assertThatThrownBy(() -> valid().partitionKey(null).build()).hasMessageContaining("partition key");
    }

    @Test
    void rejectsClientPropertiesTheClientFactoryWouldNot() {
        Properties p = new Properties();
        p.setProperty("aws.credentials.provider", "BASIC");
        assertThatThrownBy(() -> valid().clientProperties(p).build())
                .hasMessageContaining("aws.credentials.provider.basic.accesskeyid");
    }

    private static KinesisSink.Builder<String> valid() {
        return KinesisSink.<String>builder().streamArn(ARN).serializationSchema(new SimpleStringSchema())
                .partitionKey(s -> s);
    }
}
