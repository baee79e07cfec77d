package io.fleetstream.jobs.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --key value} and {@code --key=value} command-line flags; {@code --key} alone for a boolean option. */
final class Flags {
    private Flags() {}

    static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.length() == 2) {
                throw new ConfigException("expected --key value, got '" + a + "'");
            }
            String key = a.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else if (isSwitch(key)) {
                value = "true";
            } else {
                throw new ConfigException("option --" + key + " needs a value");
            }
            m.put(key, value);
        }
        return m;
    }

    private static boolean isSwitch(String key) {
        OptionSpec<?> spec = FleetOptions.spec(key);
        return spec != null && spec.isSwitch();
    }
}
