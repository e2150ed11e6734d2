package org.orderly.bridge.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * {@link PileFault#REASONS} is what the factories give and the outputs' own (pilot, relay), so those who translate the reasons cannot fall
 * behind.
 */
class PileFaultTest {
    @Test
    void theReasonsListedAreThoseOfEveryFactory() throws Exception {
        List<String> given = new ArrayList<>();
        for (Method m : PileFault.class.getDeclaredMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers())
                    && m.getReturnType() == PileFault.class) {
                Object[] args = new Object[m.getParameterCount()];
                for (int i = 0; i < args.length; i++) {
                    assertThat(m.getParameterTypes()[i]).as("%s's parameters", m.getName()).isEqualTo(BooleanSupplier.class);
                    args[i] = (BooleanSupplier) () -> true;
                }
                given.add(((PileFault) m.invoke(null, args)).reason());
            }
        }
        assertThat(given).as("the factories' reasons").hasSize(6).doesNotHaveDuplicates();
        given.add(PileFault.CONTROL_PILOT_NOT_DRIVEN); // said while the pilot cannot be driven, not latched
        given.add(PileFault.RELAY_NOT_OPENED); // said while the relay cannot be opened, not latched
        given.add(PileFault.RELAY_NOT_CLOSED); // said while the relay's output refuses, the relay open, not latched
        assertThat(PileFault.REASONS).containsExactlyInAnyOrderElementsOf(given);
    }
}
