package io.fleetstream.lake;

import io.fleetstream.lake.internal.ColumnProjection;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

/**
 * Reads the readings table's columns ({@code device_id}, {@code event_time}, {@code metric}, {@code value},
 * {@code seq}) straight into a {@link ReadingsRow}, and only those: columns added to the table later are not read.
 * Strings are decoded once per dictionary entry, not once per row.
 */
final class ReadingsRowSupport extends ReadSupport<ReadingsRow> {
    static final List<String> REQUIRED = List.of("device_id", "event_time", "metric", "value");

    @Override
    public ReadContext init(InitContext context) {
        return new ReadContext(ColumnProjection.project(context.getFileSchema(), REQUIRED, List.of("seq"),
                "not a readings table file: it"));
    }

    @Override
    public RecordMaterializer<ReadingsRow> prepareForRead(Configuration conf, Map<String, String> keyValueMetaData,
            MessageType fileSchema, ReadContext readContext) {
        return new Materializer(readContext.getRequestedSchema());
    }

    private static final class Materializer extends RecordMaterializer<ReadingsRow> {
        private final ReadingsRow row = new ReadingsRow();
        private final GroupConverter root;

        Materializer(MessageType schema) {
            Converter[] converters = new Converter[schema.getFieldCount()];
            for (int i = 0; i < converters.length; i++) {
                converters[i] = converter(schema.getFieldName(i));
            }
            root = new GroupConverter() {
                @Override
                public Converter getConverter(int fieldIndex) {
                    return converters[fieldIndex];
                }

                @Override
                public void start() {
                    row.clear();
                }

                @Override
                public void end() {}
            };
        }

        private Converter converter(String name) {
            switch (name) {
                case "device_id":
                    return new StringColumn() {
                        @Override
                        void set(String v) {
                            row.deviceId = v;
                        }
                    };
                case "metric":
                    return new StringColumn() {
                        @Override
                        void set(String v) {
                            row.metric = v;
                        }
                    };
                case "event_time":
                    return new PrimitiveConverter() {
                        @Override
                        public void addLong(long v) {
                            row.eventTime = v;
                        }
                    };
                case "value":
                    return new PrimitiveConverter() {
                        @Override
                        public void addDouble(double v) {
                            row.value = v;
                        }
                    };
                case "seq":
                    return new PrimitiveConverter() {
                        @Override
                        public void addLong(long v) {
                            row.hasSeq = true;
                            row.seq = v;
                        }
                    };
                default:
                    throw new IllegalStateException("unexpected column " + name);
            }
        }

        @Override
        public ReadingsRow getCurrentRecord() {
            return row;
        }

        @Override
        public GroupConverter getRootConverter() {
            return root;
        }
    }

    private abstract static class StringColumn extends PrimitiveConverter {
        private String[] dictionary;

        abstract void set(String value);

        @Override
        public boolean hasDictionarySupport() {
            return true;
        }

        @Override
        public void setDictionary(Dictionary d) {
            dictionary = new String[d.getMaxId() + 1];
            for (int i = 0; i <= d.getMaxId(); i++) {
                dictionary[i] = d.decodeToBinary(i).toStringUsingUTF8();
            }
        }

        @Override
        public void addValueFromDictionary(int id) {
            set(dictionary[id]);
        }

        @Override
        public void addBinary(Binary value) {
            set(value.toStringUsingUTF8());
        }
    }
}
