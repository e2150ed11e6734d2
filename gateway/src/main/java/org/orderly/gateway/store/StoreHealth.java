package org.orderly.gateway.store;

/** What {@link StoreCheck#inspect} finds of a store file, in words an installer reads. */
public sealed interface StoreHealth {
    /** One line: what was found. */
    String describe();

    /** No file yet: the gateway makes it at its first start. */
    record Absent() implements StoreHealth {
        @Override
        public String describe() {
            return "not made yet (the gateway makes it at its first start)";
        }
    }

    /** {@code PRAGMA quick_check} says ok. */
    record Sound() implements StoreHealth {
        @Override
        public String describe() {
            return "ok (quick_check)";
        }
    }

    /** SQLite finds it damaged (not a database, malformed, or quick_check's findings), or the gateway found it so. */
    record Damaged(String found) implements StoreHealth {
        @Override
        public String describe() {
            return "DAMAGED: " + found;
        }
    }

    /**
     * It could not be checked for a reason that is no damage (permissions, an I/O error, a lock): it is not moved
     * aside.
     */
    record Unreadable(String why) implements StoreHealth {
        @Override
        public String describe() {
            return "cannot be checked: " + why;
        }
    }
}
