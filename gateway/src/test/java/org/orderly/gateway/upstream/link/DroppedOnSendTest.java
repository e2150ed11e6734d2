package org.orderly.gateway.upstream.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which message a broker drops the connection on: only the suspect, dropped on alone twice in a row, is set aside. */
class DroppedOnSendTest {
    private final DroppedOnSend watch = new DroppedOnSend();

    @Test
    void aShortConnectionWithMessagesOutstandingMakesTheOldestASuspectSentAlone() {
        assertThat(watch.oneAtATime()).isFalse();
        assertThat(watch.connectionEnded(41, false)).isEqualTo(-1);
        assertThat(watch.oneAtATime()).isTrue();
    }

    @Test
    void theSuspectDroppedOnAloneTwiceInARowIsTheOneToSetAside() {
        watch.connectionEnded(44, false); // among others: 44 may be innocent
        assertThat(watch.connectionEnded(44, false)).as("alone, once").isEqualTo(-1);
        assertThat(watch.connectionEnded(44, false)).as("alone, twice").isEqualTo(44);
        assertThat(watch.oneAtATime()).as("back to normal once it is set aside").isFalse();
    }

    @Test
    void afterAnOrdinaryOutageTheSuspectsAcknowledgementRestoresFullSpeed() {
        watch.connectionEnded(41, false);
        watch.acknowledged(40);
        assertThat(watch.oneAtATime()).isTrue();
        watch.acknowledged(41);
        assertThat(watch.oneAtATime()).isFalse();
        assertThat(watch.connectionEnded(50, false)).as("a new suspicion starts over").isEqualTo(-1);
        assertThat(watch.connectionEnded(50, false)).isEqualTo(-1);
        assertThat(watch.connectionEnded(50, false)).isEqualTo(50);
    }

    @Test
    void droppedOnAloneWithADifferentMessageEachTimeSetsNothingAside() {
        watch.connectionEnded(41, false);
        assertThat(watch.connectionEnded(44, false)).isEqualTo(-1);
        assertThat(watch.connectionEnded(45, false)).isEqualTo(-1);
        assertThat(watch.connectionEnded(46, false)).isEqualTo(-1);
        assertThat(watch.oneAtATime()).isTrue();
    }

    /**
     * A broker that drops connections whatever is sent: one ended before anything was sent on it (lost before the link
     * marked it made) shows the drops are not the suspect's, which is not set aside on the next one.
     */
    @Test
    void aConnectionEndedBeforeTheSuspectWasSentOnItKeepsAnInnocentSuspectFromBeingSetAside() {
        watch.connectionEnded(44, false); // among others
        watch.connectionEnded(44, false); // alone, once
        assertThat(watch.connectionEnded(-1, false)).as("lost before anything was sent").isEqualTo(-1);
        assertThat(watch.connectionEnded(44, false)).as("sent among others again, then dropped").isEqualTo(-1);
        assertThat(watch.connectionEnded(44, false)).as("alone, once").isEqualTo(-1);
        assertThat(watch.connectionEnded(44, false)).as("alone, twice in a row").isEqualTo(44);
    }

    @Test
    void aConnectionThatHeldOrEndedWithNothingOutstandingClearsTheSuspicion() {
        watch.connectionEnded(44, false);
        watch.connectionEnded(44, false);
        assertThat(watch.connectionEnded(44, true)).isEqualTo(-1);
        assertThat(watch.oneAtATime()).isFalse();

        watch.connectionEnded(44, false);
        watch.connectionEnded(44, false);
        assertThat(watch.connectionEnded(-1, false)).isEqualTo(-1);
        assertThat(watch.oneAtATime()).isFalse();
    }
}
