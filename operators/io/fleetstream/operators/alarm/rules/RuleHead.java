package io.fleetstream.operators.alarm.rules;

import java.util.List;

/** What every entry of a rules file has, read before the keys of its kind. */
final class RuleHead {
    final String name;
    final String kind;
    final List<String> groups;
    /** Null when the entry has none. */
    final String description;

    RuleHead(String name, String kind, List<String> groups, String description) {
        this.name = name;
        this.kind = kind;
        this.groups = groups;
        this.description = description;
    }
}
