package org.orderly.bridge.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orderly.bridge.BridgeMain;

/**
 * The home pile (what the demo's bridges and the tests' serve) answers /info with the version a real bridge of this
 * build answers: its jar's Implementation-Version, or dev without one (docs/firmware-bridge.md, GET /info).
 */
class HomePileVersionTest {

    @Test
    void aHomePileReportsTheVersionARealBridgeOfThisBuildReports() {
        String thisBuild = Optional.ofNullable(BridgeMain.class.getPackage().getImplementationVersion()).orElse("dev");

        assertThat(PileConfig.homePile("P1").firmwareVersion()).isEqualTo(thisBuild);
    }
}
