package org.orderly.gateway.field.modbus;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A live bus's poller run one cycle at a time on the test's thread ({@link BusPoller#runCycle()}), each reading and
 * failure it reports kept with the number of the cycle it came in: what a real bus does is counted in the poller's
 * cycles, not in the milliseconds a loaded machine stretches. The test's thread only.
 */
final class CountedCycles implements PollListener {
    private record Counted<T>(int cycle, T what) {
    }

    private final List<Counted<Reading>> readings = new ArrayList<>();
    private final List<Counted<PollFailure>> failures = new ArrayList<>();
    private int cycle;

    @Override
    public void onReading(Reading reading) {
        readings.add(new Counted<>(cycle, reading));
    }

    @Override
    public void onFailure(PollFailure failure) {
        failures.add(new Counted<>(cycle, failure));
    }

    /** Runs {@code n} cycles of {@code poller}. */
    void run(BusPoller poller, int n) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            runOne(poller);
        }
    }

    /**
     * Runs cycles of {@code poller} until {@code done} holds, at most {@code patience} of them (the failure's sake:
     * the test then says what it waited for).
     */
    void runUntil(BusPoller poller, Predicate<CountedCycles> done, int patience) throws InterruptedException {
        while (!done.test(this) && cycle < patience) {
            runOne(poller);
        }
    }

    private void runOne(BusPoller poller) throws InterruptedException {
        cycle++;
        poller.runCycle();
    }

    /** The cycles run so far. */
    int cycles() {
        return cycle;
    }

    /** How many readings of {@code meterId} were published. */
    long readings(String meterId) {
        return readings.stream().filter(r -> r.what().meterId().equals(meterId)).count();
    }

    /** In how many cycles {@code meterId} was read. */
    long cyclesReading(String meterId) {
        return readings.stream().filter(r -> r.what().meterId().equals(meterId)).mapToInt(Counted::cycle).distinct()
                .count();
    }

    /** In how many cycles {@code meterId} failed with {@code kind}. */
    long cyclesFailing(String meterId, FailureKind kind) {
        return failures.stream().filter(f -> f.what().meterId().equals(meterId) && f.what().kind() == kind)
                .mapToInt(Counted::cycle).distinct().count();
    }

    /** In how many cycles {@code meterId} failed in any way. */
    long cyclesFailing(String meterId) {
        return failures.stream().filter(f -> f.what().meterId().equals(meterId)).mapToInt(Counted::cycle).distinct()
                .count();
    }

    /** The cycles in which a request to {@code meterId} was sent and failed, in order. */
    List<Integer> cyclesFailingSent(String meterId) {
        return failures.stream().filter(f -> f.what().meterId().equals(meterId) && f.what().attempts() > 0)
                .map(Counted::cycle).distinct().toList();
    }

    /** The failures of {@code meterId}, counted by kind. */
    Map<FailureKind, Long> failures(String meterId) {
        Map<FailureKind, Long> out = new EnumMap<>(FailureKind.class);
        failures.stream().filter(f -> f.what().meterId().equals(meterId)).forEach(f -> out.merge(f.what().kind(), 1L,
                Long::sum));
        return out;
    }

    /** The failures of {@code meterId} with {@code kind}. */
    long failures(String meterId, FailureKind kind) {
        return failures(meterId).getOrDefault(kind, 0L);
    }

    /** Every failure reported, in order. */
    List<PollFailure> failures() {
        return failures.stream().map(Counted::what).toList();
    }

    /** Every reading of {@code meterId}, in order. */
    List<Reading> readingsOf(String meterId) {
        return readings.stream().map(Counted::what).filter(r -> r.meterId().equals(meterId)).toList();
    }

    /** Cycle by cycle, what was read and what failed: for an assertion's message. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(cycle + " cycles:");
        for (int c = 1; c <= cycle; c++) {
            int k = c;
            out.append("\n  ").append(c).append(": read ")
                    .append(readings.stream().filter(r -> r.cycle() == k).map(r -> r.what().meterId()).toList())
                    .append(", failed ").append(failures.stream().filter(f -> f.cycle() == k)
                            .map(f -> f.what().meterId() + " " + f.what().kind() + " after " + f.what().attempts())
                            .toList());
        }
        return out.toString();
    }
}
