package io.fleetstream.connectors.kinesis.source.internal;

import io.fleetstream.connectors.kinesis.source.StartingPosition;
import java.io.IOException;
import java.time.Instant;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A starting position in checkpoints: the kind's code (-1 for none), then the timestamp's epoch millis if any. */
final class StartingPositions {
    private StartingPositions() {}

    static void write(StartingPosition p, DataOutputView out) throws IOException {
        out.writeByte(p == null ? -1 : p.kind().code);
        if (p != null && p.kind() == StartingPosition.Kind.AT_TIMESTAMP) {
            out.writeLong(p.timestamp().toEpochMilli());
        }
    }

    static StartingPosition read(DataInputView in) throws IOException {
        int code = in.readByte();
        if (code == -1) {
            return null;
        }
        if (code == StartingPosition.Kind.TRIM_HORIZON.code) {
            return StartingPosition.trimHorizon();
        }
        if (code == StartingPosition.Kind.LATEST.code) {
            return StartingPosition.latest();
        }
        if (code == StartingPosition.Kind.AT_TIMESTAMP.code) {
            return StartingPosition.atTimestamp(Instant.ofEpochMilli(in.readLong()));
        }
        throw new IOException("unknown starting position code " + code);
    }
}
