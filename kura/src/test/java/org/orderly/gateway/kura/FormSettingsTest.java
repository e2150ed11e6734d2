package org.orderly.gateway.kura;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The form's settings as ConfigAdmin clients other than Kura's form may give them (the IT sends the common cases). */
class FormSettingsTest {

    @Test
    void theWordsTrueAndFalseAreTakenInAnyCase() throws Exception {
        assertThat(FormSettings.read(Map.of("enabled", " TRUE ", "configFile", "/opt/orderly/orderly.yaml")))
                .isEqualTo(new FormSettings(true, Path.of("/opt/orderly/orderly.yaml"), Optional.empty()));
        assertThat(FormSettings.read(Map.of("enabled", "False")).enabled()).isFalse();
    }

    @Test
    void disabledTheOtherSettingsAreNotRead() throws Exception {
        assertThat(FormSettings.read(Map.of("enabled", false, "configFile", 42, "devicesDir", "maps")).enabled()).isFalse();
    }

    @Test
    void everyProblemIsSaidAtOnceEachWithItsSettingAndValue() {
        assertThatThrownBy(() -> FormSettings.read(Map.of("enabled", 1, "configFile", new String[] {"/a.yaml", "/b.yaml"},
                "devicesDir", "maps")))
                .isInstanceOfSatisfying(ConfigurationRejected.class, e -> assertThat(e.problems()).containsExactly(
                        "enabled 1 (Integer): must be true or false",
                        "configFile [/a.yaml, /b.yaml] (String[]): must be text; give the absolute path of the gateway's"
                                + " YAML configuration, e.g. /opt/orderly/orderly.yaml",
                        "devicesDir 'maps': not an absolute path; give the absolute path of a directory of register"
                                + " maps of your own, or leave it empty for the devices directory beside configFile"))
                .hasMessageStartingWith("3 problems; first: enabled 1 (Integer)");
    }

    /**
     * The form's values are remote input (Kura's cloud connection, any ConfigAdmin client), said in Kura's log: a line
     * break or another control character in one is written as {@code \\uXXXX}, so it cannot start a log line of its
     * own, and a path with one is refused, so no message later names it raw.
     */
    @Test
    void aControlCharacterInAValueStartsNoLineAndIsNoPath() {
        assertThatThrownBy(() -> FormSettings.read(Map.of("enabled", "yes\nERROR forged", "configFile",
                "/opt/orderly/orderly.yaml\nERROR forged", "devicesDir", new String[] {"/opt/maps\r"})))
                .isInstanceOfSatisfying(ConfigurationRejected.class, e -> assertThat(e.problems()).containsExactly(
                        "enabled 'yes\\u000aERROR forged': must be true or false",
                        "configFile '/opt/orderly/orderly.yaml\\u000aERROR forged': not a path (a control character or"
                                + " line separator in it); give the absolute path of the gateway's YAML configuration,"
                                + " e.g. /opt/orderly/orderly.yaml",
                        "devicesDir [/opt/maps\\u000d] (String[]): must be text; give the absolute path of a directory"
                                + " of register maps of your own, or leave it empty for the devices directory beside"
                                + " configFile"));
    }

    /**
     * A path pasted with a space before or after it: refused by its quoted value, which shows the space, rather than
     * as "not an absolute path" (a space before) or, a space after, as a file that does not exist, named unquoted.
     */
    @Test
    void aPathWithASpaceAtItsStartOrEndIsRefusedSayingSo() {
        assertThatThrownBy(() -> FormSettings.read(Map.of("configFile", "/opt/orderly/orderly.yaml ",
                "devicesDir", " /opt/maps")))
                .isInstanceOfSatisfying(ConfigurationRejected.class, e -> assertThat(e.problems()).containsExactly(
                        "configFile '/opt/orderly/orderly.yaml ': a space at its start or end (pasted with it?);"
                                + " give the absolute path of the gateway's YAML configuration, e.g."
                                + " /opt/orderly/orderly.yaml",
                        "devicesDir ' /opt/maps': a space at its start or end (pasted with it?); give the absolute"
                                + " path of a directory of register maps of your own, or leave it empty for the devices"
                                + " directory beside configFile"));
    }

    @Test
    void aBlankConfigFileIsNotSetAndABlankDevicesDirMeansTheBundlesMaps() throws Exception {
        assertThatThrownBy(() -> FormSettings.read(Map.of("configFile", "  ")))
                .hasMessageStartingWith("configFile: not set; ");
        assertThat(FormSettings.read(Map.of("configFile", "/o.yaml", "devicesDir", " ")).devicesDir()).isEmpty();
    }
}
