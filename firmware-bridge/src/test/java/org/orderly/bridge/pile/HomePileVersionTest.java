package org.orderly.bridge.pile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The home pile (what the demo's bridges and the tests' serve) answers /info with the version a real bridge of this
 * build answers: the poms' version (surefire hands it as {@code orderly.projectVersion}; docs/firmware-bridge.md,
 * GET /info).
 */
class HomePileVersionTest {

    @Test
    void aHomePileReportsTheVersionARealBridgeOfThisBuildReports() {
        String thisBuild = System.getProperty("orderly.projectVersion");
        assertThat(thisBuild).as("the build's version, from firmware-bridge/pom.xml's surefire configuration").isNotBlank();
        assertThat(FirmwareVersion.ofThisBuild()).as("what BridgeMain reports").isEqualTo(thisBuild);

        assertThat(PileConfig.homePile("P1").firmwareVersion()).isEqualTo(thisBuild);
    }
}
