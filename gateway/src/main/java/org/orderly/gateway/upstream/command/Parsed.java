package org.orderly.gateway.upstream.command;

/** A command read from its payload, or why it could not be (with the command's id when that much was readable). */
public sealed interface Parsed<T> {
    record Ok<T>(T value) implements Parsed<T> {
    }

    record Bad<T>(String id, String reason) implements Parsed<T> {
    }
}
