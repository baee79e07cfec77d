package io.fleetstream.lake.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/** Reads only the named columns (each must be in the file) as Parquet's example {@link Group}s. */
public final class ColumnProjection extends ReadSupport<Group> {
    private final List<String> columns;

    public ColumnProjection(List<String> columns) {
        this.columns = columns;
    }

    @Override
    public ReadContext init(InitContext context) {
        return new ReadContext(project(context.getFileSchema(), columns, List.of(), "the file"));
    }

    /**
     * The {@code required} columns of a file's schema (each must be in it, or it is not a file of {@code what}) and
     * those of the {@code optional} ones it has, in that order.
     */
    public static MessageType project(MessageType file, List<String> required, List<String> optional, String what) {
        List<Type> fields = new ArrayList<>();
        for (String c : required) {
            if (!file.containsField(c)) {
                throw new IllegalArgumentException(what + " has no column " + c + " (columns: " + file.getFields()
                        + ")");
            }
            fields.add(file.getType(c));
        }
        for (String c : optional) {
            if (file.containsField(c)) {
                fields.add(file.getType(c));
            }
        }
        return new MessageType(file.getName(), fields);
    }

    @Override
    public RecordMaterializer<Group> prepareForRead(Configuration conf, Map<String, String> keyValueMetaData,
            MessageType fileSchema, ReadContext readContext) {
        return new GroupRecordConverter(readContext.getRequestedSchema());
    }
}
