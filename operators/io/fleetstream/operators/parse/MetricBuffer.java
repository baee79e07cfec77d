package io.fleetstream.operators.parse;

import java.util.Arrays;

/** Collects the metrics of one reading; names are unique (the parser's JSON reader refuses a repeated name). */
final class MetricBuffer {
    private String[] names = new String[8];
    private double[] values = new double[8];
    private int size;

    void clear() {
        size = 0;
    }

    void put(String name, double value) {
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size++] = value;
    }

    String[] names() {
        return Arrays.copyOf(names, size);
    }

    double[] values() {
        return Arrays.copyOf(values, size);
    }
}
