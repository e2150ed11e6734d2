package org.orderly.gateway.app.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A transformer meter's reading as a test makes it, through the one constructor the gateway uses. What a test leaves
 * unsaid is a reading of the total and of the phases' powers it is given: each line's load from those powers as a map
 * reading them gives it (all three: every line; one or two: the others missing; none: no line read), no line current,
 * heard as long ago as it was read.
 */
public final class ReadingBuilder {
    private final double totalKw;
    private final Instant readAt;
    private final Duration age;
    private Map<String, Double> phaseKw = Map.of();
    private MeterLines lines;
    private Map<String, Double> phaseA = Map.of();

    private ReadingBuilder(double totalKw, Instant readAt, Duration age) {
        this.totalKw = totalKw;
        this.readAt = readAt;
        this.age = age;
    }

    /** A reading of {@code totalKw} in all, read at {@code readAt}, {@code age} before the cycle. */
    public static ReadingBuilder meterReading(double totalKw, Instant readAt, Duration age) {
        return new ReadingBuilder(totalKw, readAt, age);
    }

    /** Each phase's active power by quantity ({@code power.a.kw} ...). */
    public ReadingBuilder phaseKw(Map<String, Double> phaseKw) {
        this.phaseKw = phaseKw;
        return this;
    }

    /** Each line's load, where not the phases' powers'. */
    public ReadingBuilder lines(MeterLines lines) {
        this.lines = lines;
        return this;
    }

    /** Each line's current by quantity ({@code current.a.a} ...). */
    public ReadingBuilder phaseA(Map<String, Double> phaseA) {
        this.phaseA = phaseA;
        return this;
    }

    public TransformerReading build() {
        MeterLines read = lines != null ? lines : phaseKw.isEmpty() ? MeterLines.UNREAD
                : LineSource.POWER.lines(q -> phaseKw.containsKey(q) ? OptionalDouble.of(phaseKw.get(q))
                        : OptionalDouble.empty(), Double.NaN);
        return new TransformerReading(totalKw, readAt, age, phaseKw, read, phaseA, age);
    }
}
