package org.orderly.gateway.field.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.Ticker;

/** The contact on Pi4J's mock platform: the real Pi4J API and events, no hardware. */
class LoadControlContactTest {
    private final Context pi4j = Pi4J.newContextBuilder()
            .add(new MockPlatform())
            .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
            .build();
    private final List<Boolean> changes = new CopyOnWriteArrayList<>();
    private LoadControlContact contact;

    @AfterEach
    void close() {
        if (contact != null) {
            contact.close();
        }
    }

    private LoadControlContact open(boolean activeHigh, int statusPin) {
        contact = new LoadControlContact(pi4j,
                new LoadControlConfig(17, activeHigh, LoadControlConfig.Pull.DOWN, 50, 3.5, statusPin),
                Ticker.SYSTEM, changes::add);
        return contact;
    }

    private MockDigitalInput input() {
        return (MockDigitalInput) contact.input();
    }

    @Test
    void activeHighCapsAtTheEdgeAndTheStatusOutputFollows() {
        open(true, 27);
        DigitalOutput status = pi4j.registry().get(LoadControlContact.STATUS_ID, DigitalOutput.class);
        assertThat(contact.evCapKw()).isEmpty();
        assertThat(status.isLow()).isTrue();

        input().mockState(DigitalState.HIGH);

        assertThat(contact.evCapKw()).hasValue(3.5);
        assertThat(status.isHigh()).isTrue();
        assertThat(changes).containsExactly(true);

        input().mockState(DigitalState.LOW);
        assertThat(contact.evCapKw()).as("still capped during the release debounce").hasValue(3.5);
        awaitTrue(() -> contact.evCapKw().isEmpty() && status.isLow());
        awaitTrue(() -> changes.equals(List.of(true, false)));
        assertThat(contact.evCapKw()).isEmpty();
        assertThat(status.isLow()).isTrue();
        assertThat(changes).containsExactly(true, false);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Test
    void activeLowTreatsALowInputAsTheCall() {
        open(false, -1);
        assertThat(contact.evCapKw()).as("an input low at start sheds from the first cycle").hasValue(3.5);
        input().mockState(DigitalState.HIGH);
        awaitTrue(() -> contact.evCapKw().isEmpty());
        assertThat(contact.evCapKw()).isEmpty();

        input().mockState(DigitalState.LOW);

        assertThat(contact.evCapKw()).hasValue(3.5);
        assertThat(pi4j.registry().exists(LoadControlContact.STATUS_ID)).isFalse();
    }
}
