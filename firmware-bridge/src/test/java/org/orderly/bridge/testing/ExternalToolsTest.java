package org.orderly.bridge.testing;

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
        assertThatThrownBy(() -> ExternalTools.missing("coap-client", "true"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("apt-get install -y libcoap3-bin").hasMessageContaining("CI=true");
        assertThatThrownBy(() -> ExternalTools.missing("coap-client", null))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("libcoap3-bin");
        assertThatThrownBy(() -> ExternalTools.missing("coap-client", "false"))
                .isInstanceOf(TestAbortedException.class);
    }

    @Test
    void debiansSuffixedCoapClientStandsInForThePlainName() throws Exception {
        assertThat(ExternalTools.find("coap-client", bin.toString())).isEmpty();
        Path notls = executable("coap-client-notls");
        assertThat(ExternalTools.find("coap-client", bin.toString())).as("no DTLS in -notls").isEmpty();
        Path gnutls = executable("coap-client-gnutls");
        assertThat(ExternalTools.find("coap-client", bin.toString())).contains(gnutls);
        Path openssl = executable("coap-client-openssl");
        assertThat(ExternalTools.find("coap-client", bin.toString())).contains(openssl);
        Path plain = executable("coap-client");
        assertThat(ExternalTools.find("coap-client", "/nonexistent:" + bin)).contains(plain);
        assertThat(notls).exists();
    }

    private Path executable(String name) throws Exception {
        Path file = Files.createFile(bin.resolve(name));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
