package org.orderly.gateway.upstream.message;

/** The content of a published message, beside the envelope's fields; each kind of message has its own record. */
public sealed interface Body permits StateBody, TelemetryBody, PlanBody, EventBody, SessionBody {
    MessageKind messageKind();
}
