package org.orderly.gateway.upstream.command;

import java.util.List;

/**
 * Grid cap commands that are wrong, each with the words its rejection's reason holds; as a parser at
 * {@link #NOW} reads them. Shared by {@link CapParserTest} and the contract's tests, which send those the schema
 * {@code cmd-cap} refuses to a live gateway.
 */
public final class CapSamples {
    /** The time the samples are read at: their window lies in the evening after it. */
    public static final String NOW = "2026-11-29T12:00:00Z";

    /** A wrong cap and what its rejection says. */
    public record Wrong(String payload, String reason) {
    }

    private CapSamples() {
    }

    public static List<Wrong> wrong() {
        String ok = "\"from\":\"2026-11-29T18:00:00Z\",\"to\":\"2026-11-29T21:00:00Z\"";
        return List.of(
                new Wrong("{not json", "malformed"),
                new Wrong("[1,2]", "malformed"),
                new Wrong("{\"v\":1,\"id\":\"a\"," + ok + ",\"limitKw\":1} trailing", "malformed"),
                new Wrong("{\"v\":1,\"id\":\"a\",\"id\":\"b\"," + ok + ",\"limitKw\":1}", "malformed"),
                new Wrong("{\"v\":2,\"id\":\"a\"," + ok + ",\"limitKw\":1}", "v: version 2"),
                new Wrong("{\"id\":\"a\"," + ok + ",\"limitKw\":1}", "v: required"),
                new Wrong("{\"v\":\"1\",\"id\":\"a\"," + ok + ",\"limitKw\":1}", "v: must be the number 1, not \"1\""),
                new Wrong("{\"v\":1.5,\"id\":\"a\"," + ok + ",\"limitKw\":1}", "v: version 1.5 is not supported"),
                new Wrong("{\"v\":1," + ok + ",\"limitKw\":1}", "id: required"),
                new Wrong("{\"v\":1,\"id\":\"a/b#\"," + ok + ",\"limitKw\":1}", "id: must match"),
                new Wrong("{\"v\":1,\"id\":\"a\",\"to\":\"2026-11-29T21:00:00Z\",\"limitKw\":1}",
                        "from: required, an ISO-8601 instant as RFC 3339 writes it (the schema's date-time), UTC or with"
                                + " an offset, such as"),
                // present but not a string: said so, with what it was (until 2026-12-03 "required", as if missing)
                new Wrong("{\"v\":1,\"id\":\"a\",\"from\":1764439200,\"to\":\"2026-11-29T21:00:00Z\",\"limitKw\":1}",
                        "from: must be a string, an ISO-8601 instant"),
                new Wrong("{\"v\":1,\"id\":\"a\",\"from\":1764439200,\"to\":\"2026-11-29T21:00:00Z\",\"limitKw\":1}",
                        "; was 1764439200"),
                new Wrong("{\"v\":1,\"id\":\"a\",\"from\":\"2026-11-29T18:00:00Z\",\"to\":null,\"limitKw\":1}",
                        "to: must be a string, an ISO-8601 instant as RFC 3339 writes it (the schema's date-time), UTC or"
                                + " with an offset, such as \"2026-11-29T18:00:00Z\" or \"2026-11-30T02:00:00+08:00\"; was null"),
                new Wrong("{\"v\":1,\"id\":\"a\",\"from\":\"tonight\",\"to\":\"2026-11-29T21:00:00Z\",\"limitKw\":1}",
                        "from: 'tonight' is not an ISO-8601"),
                // present but not a number or a string: said so, with what it was (until 2026-12-04 "required", as if
                // missing)
                new Wrong("{\"v\":1,\"id\":\"a\"," + ok + ",\"limitKw\":\"400\"}", "limitKw: must be a number, not \"400\""),
                new Wrong("{\"v\":1,\"id\":5," + ok + ",\"limitKw\":1}", "id: must be a string, not 5"),
                new Wrong("{\"v\":1,\"id\":\"a\",\"gatewayId\":7," + ok + ",\"limitKw\":1}",
                        "gatewayId: must be a string, not 7"),
                new Wrong("{\"v\":1,\"id\":\"a\"," + ok + "}", "limitKw: required"),
                new Wrong("{\"v\":1,\"id\":\"a\",\"from\":\"2026-11-29T21:00:00Z\",\"to\":\"2026-11-29T18:00:00Z\","
                        + "\"limitKw\":1}", "must be after from"),
                new Wrong("{\"v\":1,\"id\":\"a\",\"from\":\"2026-11-29T08:00:00Z\",\"to\":\"2026-11-29T11:00:00Z\","
                        + "\"limitKw\":1}", "expired"),
                new Wrong("{\"v\":1,\"id\":\"a\",\"from\":\"2026-12-29T08:00:00Z\",\"to\":\"2026-12-29T11:00:00Z\","
                        + "\"limitKw\":1}", "out of range: from"),
                new Wrong("{\"v\":1,\"id\":\"a\",\"from\":\"2026-11-29T12:00:00Z\",\"to\":\"2026-12-02T12:00:00Z\","
                        + "\"limitKw\":1}", "out of range: the cap lasts longer"),
                new Wrong("{\"v\":1,\"id\":\"a\"," + ok + ",\"limitKw\":631}", "out of range: limitKw 631"),
                new Wrong("{\"v\":1,\"id\":\"a\"," + ok + ",\"limitKw\":-1}", "out of range: limitKw -1"));
    }
}
