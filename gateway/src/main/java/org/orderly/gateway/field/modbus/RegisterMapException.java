package org.orderly.gateway.field.modbus;

import java.util.List;

/** A register map that cannot be used; every problem is reported as {@code file:line: what}. */
public final class RegisterMapException extends Exception {

    private final List<String> problems;

    public RegisterMapException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    /** One entry per problem, each {@code file:line: what}. */
    public List<String> problems() {
        return problems;
    }
}
