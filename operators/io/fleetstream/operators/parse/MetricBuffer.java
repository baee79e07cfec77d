package io.fleetstream.operators.parse;

import java.util.Arrays;

/** Collects the metrics of one reading; a repeated name keeps its last value, as JSON readers usually do. */
final class MetricBuffer {
    private String[] names = new String[8];
    private double[] values = new double[8];
    private int size;

    void clear() {
        size = 0;
    }

    void put(String name, double value) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                values[i] = value;
                return;
            }
        }
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
