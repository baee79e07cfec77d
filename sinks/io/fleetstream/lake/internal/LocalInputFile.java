package io.fleetstream.lake.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.Channels;
import java.nio.file.Path;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/** A local Parquet file, read without Hadoop's FileSystem (which would drag in its security stack). */
public final class LocalInputFile implements InputFile {
    private final Path path;

    public LocalInputFile(Path path) {
        this.path = path;
    }

    @Override
    public long getLength() throws IOException {
        return java.nio.file.Files.size(path);
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
        RandomAccessFile file = new RandomAccessFile(path.toFile(), "r");
        return new DelegatingSeekableInputStream(Channels.newInputStream(file.getChannel())) {
            @Override
            public long getPos() throws IOException {
                return file.getFilePointer();
            }

            @Override
            public void seek(long newPos) throws IOException {
                file.seek(newPos);
            }

            @Override
            public void close() throws IOException {
                file.close();
            }
        };
    }
}
