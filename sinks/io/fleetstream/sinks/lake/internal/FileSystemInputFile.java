package io.fleetstream.sinks.lake.internal;

import java.io.IOException;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/** A Parquet {@link InputFile} on any Flink file system (file://, s3://); each stream is opened afresh. */
final class FileSystemInputFile implements InputFile {
    private final FileSystem fs;
    private final Path path;
    private final long length;

    private FileSystemInputFile(FileSystem fs, Path path, long length) {
        this.fs = fs;
        this.path = path;
        this.length = length;
    }

    static FileSystemInputFile of(Path path) throws IOException {
        FileSystem fs = path.getFileSystem();
        return new FileSystemInputFile(fs, path, fs.getFileStatus(path).getLen());
    }

    @Override
    public long getLength() {
        return length;
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
        FSDataInputStream in = fs.open(path);
        return new DelegatingSeekableInputStream(in) {
            @Override
            public long getPos() throws IOException {
                return in.getPos();
            }

            @Override
            public void seek(long newPos) throws IOException {
                in.seek(newPos);
            }
        };
    }
}
