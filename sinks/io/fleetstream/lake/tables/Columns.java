package io.fleetstream.lake.tables;

import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/** Column types shared by the lake tables; times are TIMESTAMP(MILLIS, UTC) as the output contract fixes. */
final class Columns {
    private Columns() {}

    static Type string(String name) {
        return Types.required(BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
    }

    static Type optionalString(String name) {
        return Types.optional(BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
    }

    static Type timestamp(String name) {
        return Types.required(INT64).as(millis()).named(name);
    }

    static Type optionalTimestamp(String name) {
        return Types.optional(INT64).as(millis()).named(name);
    }

    static Type float64(String name) {
        return Types.required(DOUBLE).named(name);
    }

    static Type optionalFloat64(String name) {
        return Types.optional(DOUBLE).named(name);
    }

    static Type int64(String name) {
        return Types.required(INT64).named(name);
    }

    static Type optionalInt64(String name) {
        return Types.optional(INT64).named(name);
    }

    static Type int32(String name) {
        return Types.required(INT32).named(name);
    }

    /** A MAP&lt;STRING, DOUBLE&gt; in the standard three-level layout that Spark, Athena and DuckDB read. */
    static Type stringDoubleMap(String name) {
        return Types.optionalMap()
                .key(Types.required(BINARY).as(LogicalTypeAnnotation.stringType()).named("key"))
                .requiredValue(DOUBLE)
                .named(name);
    }

    private static LogicalTypeAnnotation millis() {
        return LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS);
    }
}
