package org.orderly.gateway.web.auth;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each client's {@link FailureAllowance}: {@value #PER_ADDRESS} failures, then one a minute. A client is an address
 * (an IPv6 client's /64: {@link AddressGroup}), as {@code ClientAddress} finds it behind a trusted proxy. The sign-in
 * counts wrong passwords on one of these ({@link SignInThrottle}) and {@code /metrics} wrong bearer tokens on another,
 * so a guesser is held off by address and no one else is.
 */
public final class AddressAllowances {
    static final int PER_ADDRESS = 5;
    static final Duration THEN_ONE_EVERY = Duration.ofMinutes(1);
    /** Addresses (IPv6 /64s) remembered; the least recently seen is forgotten first. */
    private static final int ADDRESSES_KEPT = 4096;

    private final TimeMeter time;
    private final Map<String, FailureAllowance> byAddress = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, FailureAllowance> eldest) {
            return size() > ADDRESSES_KEPT;
        }
    };

    /** @param clock people's time (a sped-up demo does not shorten a lockout) */
    public AddressAllowances(Clock clock) {
        this(FailureAllowance.timeOf(clock));
    }

    AddressAllowances(TimeMeter time) {
        this.time = time;
    }

    /** The allowance of {@code address} (as {@code ClientAddress} gives it), shared by its /64 when IPv6. */
    public FailureAllowance of(String address) {
        synchronized (byAddress) {
            return byAddress.computeIfAbsent(AddressGroup.of(address),
                    a -> new FailureAllowance(time, PER_ADDRESS, THEN_ONE_EVERY));
        }
    }
}
