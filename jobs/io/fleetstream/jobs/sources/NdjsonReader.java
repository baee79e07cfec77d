package io.fleetstream.jobs.sources;

import io.fleetstream.model.RawRecord;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.annotation.Nullable;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.ArrayResultIterator;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/** Reads one NDJSON file in batches; blank lines are skipped and not counted as records. */
final class NdjsonReader implements BulkFormat.Reader<RawRecord> {
    private static final int BATCH = 512;

    private final InputStream in;
    private final String sourcePrefix;
    private final long ingestTime;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    private long lineNumber;
    private long emitted;

    NdjsonReader(FileSourceSplit split, long skipRecords) throws IOException {
        Path path = split.path();
        FileSystem fs = path.getFileSystem();
        this.in = new BufferedInputStream(fs.open(path), 1 << 16);
        this.sourcePrefix = "file:" + path + "#";
        // Ingest time of a file's records is the file's modification time: stable across re-reads.
        this.ingestTime = fs.getFileStatus(path).getModificationTime();
        while (emitted < skipRecords && nextLine() != null) {
            emitted++;
        }
    }

    @Nullable
    @Override
    public BulkFormat.RecordIterator<RawRecord> readBatch() throws IOException {
        RawRecord[] batch = new RawRecord[BATCH];
        int n = 0;
        byte[] bytes;
        while (n < BATCH && (bytes = nextLine()) != null) {
            batch[n++] = new RawRecord(bytes, sourcePrefix + lineNumber, ingestTime);
        }
        if (n == 0) {
            return null;
        }
        ArrayResultIterator<RawRecord> it = new ArrayResultIterator<>();
        it.set(batch, n, CheckpointedPosition.NO_OFFSET, emitted);
        emitted += n;
        return it;
    }

    /** The next non-blank line without its line break, or null at the end of the file. */
    private byte[] nextLine() throws IOException {
        while (true) {
            line.reset();
            int b;
            boolean any = false;
            while ((b = in.read()) >= 0) {
                any = true;
                if (b == '\n') {
                    break;
                }
                if (line.size() < NdjsonFormat.MAX_LINE_BYTES) {
                    line.write(b);
                }
            }
            if (!any) {
                return null;
            }
            lineNumber++;
            byte[] bytes = line.toByteArray();
            int end = bytes.length;
            if (end > 0 && bytes[end - 1] == '\r') {
                end--;
            }
            if (isBlank(bytes, end)) {
                continue;
            }
            return end == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, end);
        }
    }

    private static boolean isBlank(byte[] b, int end) {
        for (int i = 0; i < end; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
