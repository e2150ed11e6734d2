package org.orderly.gateway.field;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a log has said at WARN of each of its subjects (a meter, a pile), so that a trouble seen at every poll or cycle
 * is said once: again only when it is another trouble, and its end once, at INFO, by the one who asks {@link #over}.
 * The meter pollers' failures ({@link MeterFailureLog}: the trouble is how it failed) and a pile meter reading more
 * than its pile can draw ({@code app.ImpossibleDrawLog}: the trouble is the meter reading so) and a Modbus pile's own
 * power reading so ({@link org.orderly.gateway.field.pile.OwnDrawBound}: the quantity) keep to this. One thread only.
 *
 * @param <K> the subject
 * @param <T> the trouble, told apart by {@link Object#equals}
 */
public final class SaidAtWarn<K, T> {
    private final Map<K, T> said = new HashMap<>();

    /** Whether {@code trouble} of {@code subject} is news, to say at WARN: not said, or said as another. Said from now. */
    public boolean news(K subject, T trouble) {
        return !Objects.equals(said.put(subject, Objects.requireNonNull(trouble, "trouble")), trouble);
    }

    /** {@code trouble} of {@code subject} said by another (the poller's own WARN): it is news no longer. */
    public void saidElsewhere(K subject, T trouble) {
        said.put(subject, Objects.requireNonNull(trouble, "trouble"));
    }

    /** The trouble last said of {@code subject}, which is over now; null when none was said. */
    public T over(K subject) {
        return said.remove(subject);
    }
}
