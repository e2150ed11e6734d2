package org.orderly.gateway.upstream.command;

/** What became of a command: accepted, a repeat of one accepted before (nothing changes), or rejected and why. */
public sealed interface Verdict {
    String status();

    record Accepted() implements Verdict {
        @Override
        public String status() {
            return "accepted";
        }
    }

    record Duplicate() implements Verdict {
        @Override
        public String status() {
            return "duplicate";
        }
    }

    record Rejected(String reason) implements Verdict {
        @Override
        public String status() {
            return "rejected";
        }
    }
}
