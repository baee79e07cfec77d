package io.fleetstream.jobs.config;

import java.util.List;

/** A configuration that cannot run; the message names every bad key, its value and what is accepted. */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    static ConfigException of(List<String> problems) {
        return new ConfigException(problems.size() == 1
                ? problems.get(0)
                : "invalid configuration:\n  - " + String.join("\n  - ", problems));
    }
}
