package io.fleetstream.lake;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet file on any Flink file system (local, s3://, ...), without Hadoop's file systems. Its streams hold no
 * connection between reads: an hour's files are all open at once while they are merged, and on S3 that many open
 * streams would exhaust the connection pool. Parquet reads a row group's columns with a few large
 * {@code readFully} calls, so reopening for each costs little.
 */
public final class FlinkInputFile implements InputFile {
    private final Path path;
    private long length = -1;

    public FlinkInputFile(String uri) {
        this(new Path(uri));
    }

    public FlinkInputFile(Path path) {
        this.path = path;
    }

    @Override
    public long getLength() throws IOException {
        if (length < 0) {
            length = path.getFileSystem().getFileStatus(path).getLen();
        }
        return length;
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
        return new ReopeningStream(path.getFileSystem(), path);
    }

    @Override
    public String toString() {
        return path.toString();
    }

    private static final class ReopeningStream extends SeekableInputStream {
        private final FileSystem fs;
        private final Path path;
        private FSDataInputStream in;
        private long pos;

        ReopeningStream(FileSystem fs, Path path) {
            this.fs = fs;
            this.path = path;
        }

        private FSDataInputStream open() throws IOException {
            if (in == null) {
                in = fs.open(path);
                if (pos > 0) {
                    in.seek(pos);
                }
            } else if (in.getPos() != pos) {
                in.seek(pos);
            }
            return in;
        }

        private void release() throws IOException {
            if (in != null) {
                FSDataInputStream s = in;
                in = null;
                s.close();
            }
        }

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void seek(long newPos) {
            pos = newPos;
        }

        @Override
        public int read() throws IOException {
            int b = open().read();
            if (b >= 0) {
                pos++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = open().read(b, off, len);
            if (n > 0) {
                pos += n;
            }
            return n;
        }

        @Override
        public void readFully(byte[] bytes) throws IOException {
            readFully(bytes, 0, bytes.length);
        }

        @Override
        public void readFully(byte[] bytes, int start, int len) throws IOException {
            FSDataInputStream s = open();
            int done = 0;
            while (done < len) {
                int n = s.read(bytes, start + done, len - done);
                if (n < 0) {
                    throw new EOFException(path + ": " + (len - done) + " bytes missing at offset " + (pos + done));
                }
                done += n;
            }
            pos += len;
            release();
        }

        @Override
        public int read(ByteBuffer buf) throws IOException {
            int len = buf.remaining();
            if (len == 0) {
                return 0;
            }
            if (buf.hasArray()) {
                int n = read(buf.array(), buf.arrayOffset() + buf.position(), len);
                if (n > 0) {
                    buf.position(buf.position() + n);
                }
                return n;
            }
            byte[] tmp = new byte[Math.min(len, 1 << 16)];
            int n = read(tmp, 0, tmp.length);
            if (n > 0) {
                buf.put(tmp, 0, n);
            }
            return n;
        }

        @Override
        public void readFully(ByteBuffer buf) throws IOException {
            int len = buf.remaining();
            if (buf.hasArray()) {
                readFully(buf.array(), buf.arrayOffset() + buf.position(), len);
                buf.position(buf.position() + len);
                return;
            }
            byte[] tmp = new byte[len];
            readFully(tmp, 0, len);
            buf.put(tmp);
        }

        @Override
        public void close() throws IOException {
            release();
        }
    }
}
