package io.fleetstream.jobs.sources;

import io.fleetstream.model.RawRecord;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;

/**
 * Newline-delimited JSON as {@link RawRecord}s that know their file and line. A bulk format (not a stream format)
 * because only the bulk API hands the reader its split, and so the file's path. Files are not split: a checkpoint
 * stores how many records of the file were emitted, and a restore skips that many.
 */
public final class NdjsonFormat implements BulkFormat<RawRecord, FileSourceSplit> {
    private static final long serialVersionUID = 1L;

    /** Lines are cut here; anything this long is far over parse.max-record-bytes and becomes a dead letter. */
    static final int MAX_LINE_BYTES = 64 << 20;

    @Override
    public Reader<RawRecord> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return new NdjsonReader(split, 0);
    }

    @Override
    public Reader<RawRecord> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        long skip = split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L);
        return new NdjsonReader(split, skip);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
