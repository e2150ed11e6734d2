package org.orderly.gateway.app.config;

import java.util.List;

/** The configuration is not usable; {@link #problems()} has one line per problem, {@code file:line:column: what, hint}. */
public final class ConfigException extends Exception {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in the configuration:\n"
                + String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
