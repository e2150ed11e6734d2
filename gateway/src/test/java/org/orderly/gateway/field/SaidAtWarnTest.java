package org.orderly.gateway.field;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A trouble is news once, again only as another trouble or after it was over; one said elsewhere is no news. */
class SaidAtWarnTest {
    @Test
    void aTroubleIsNewsOnceAgainAsAnotherOrAfterItsEnd() {
        SaidAtWarn<String, String> said = new SaidAtWarn<>();
        assertThat(said.news("tx", "TIMEOUT")).isTrue();
        assertThat(said.news("tx", "TIMEOUT")).as("seen again").isFalse();
        assertThat(said.news("pile-p1", "TIMEOUT")).as("another subject's").isTrue();
        assertThat(said.news("tx", "CRC")).as("another trouble").isTrue();
        assertThat(said.over("tx")).isEqualTo("CRC");
        assertThat(said.over("tx")).as("over once").isNull();
        assertThat(said.news("tx", "CRC")).as("after its end").isTrue();
        said.saidElsewhere("bus", "PORT_SHUT");
        assertThat(said.news("bus", "PORT_SHUT")).isFalse();
    }
}
