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
        MessageType file = context.getFileSchema();
        List<Type> fields = new ArrayList<>();
        for (String c : columns) {
            if (!file.containsField(c)) {
                throw new IllegalArgumentException("the file has no column " + c + " (columns: "
                        + file.getFields() + ")");
            }
            fields.add(file.getType(c));
        }
        return new ReadContext(new MessageType(file.getName(), fields));
    }

    @Override
    public RecordMaterializer<Group> prepareForRead(Configuration conf, Map<String, String> keyValueMetaData,
            MessageType fileSchema, ReadContext readContext) {
        return new GroupRecordConverter(readContext.getRequestedSchema());
    }
}
