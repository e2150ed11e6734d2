package org.orderly.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ExternalToolsTest {

    @TempDir
    Path bin;

    @Test
    void aMissingToolFailsOnCiAndSkipsElsewhere() {
        assertThatThrownBy(() -> ExternalTools.missing("coap-client is not installed", "libcoap3-bin", "true"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("apt-get install -y libcoap3-bin").hasMessageContaining("CI=true");
        assertThatThrownBy(() -> ExternalTools.missing("coap-client is not installed", "libcoap3-bin", null))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("libcoap3-bin");
        assertThatThrownBy(() -> ExternalTools.missing("coap-client is not installed", "libcoap3-bin", "false"))
                .isInstanceOf(TestAbortedException.class);
    }

    @Test
    void debiansSuffixedCoapClientStandsInForThePlainName() throws Exception {
        assertThat(ExternalTools.coapClient(bin.toString())).isEmpty();
        executable("coap-client-notls");
        assertThat(ExternalTools.coapClient(bin.toString())).as("no DTLS in -notls").isEmpty();
        Path gnutls = executable("coap-client-gnutls");
        assertThat(ExternalTools.coapClient(bin.toString())).contains(gnutls.toString());
        Path openssl = executable("coap-client-openssl");
        assertThat(ExternalTools.coapClient(bin.toString())).contains(openssl.toString());
        Path plain = executable("coap-client");
        assertThat(ExternalTools.coapClient("/nonexistent:" + bin)).contains(plain.toString());
    }

    @Test
    void anUnknownPackageIsAMistakeInTheTest() {
        assertThatThrownBy(() -> ExternalTools.require("no-such-package")).isInstanceOf(IllegalArgumentException.class);
    }

    private Path executable(String name) throws Exception {
        Path file = Files.createFile(bin.resolve(name));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
