package org.orderly.tools.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.orderly.testkit.ExternalTools;

/**
 * A throw-away CA and a server certificate it signed, made with Debian's openssl for one test: the server's only
 * name is the address 127.0.0.1 (subjectAltName IP), so a client that checks names must refuse "localhost".
 *
 * @param ca         the CA certificate (PEM), what a client trusts
 * @param serverCert the server's certificate (PEM)
 * @param serverKey  the server's private key (PEM)
 * @param otherCa    a second CA that signed nothing here: trusting it must not be enough
 */
public record TestCertificates(Path ca, Path serverCert, Path serverKey, Path otherCa) {

    public static TestCertificates make(Path dir) throws IOException, InterruptedException {
        String openssl = ExternalTools.requireProgram("openssl", "openssl");
        // Readable by all: a broker started as root by hand drops to its own user before it reads them.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path ext = Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\n");
        run(dir, openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Orderly Test CA",
                "-keyout", "ca.key", "-out", "ca.pem");
        run(dir, openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Other CA",
                "-keyout", "other.key", "-out", "other.pem");
        run(dir, openssl, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", "server.key",
                "-out", "server.csr");
        run(dir, openssl, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", ext.toString(), "-out", "server.pem");
        for (String f : List.of("ca.pem", "server.pem", "server.key", "other.pem")) {
            Files.setPosixFilePermissions(dir.resolve(f), PosixFilePermissions.fromString("rw-r--r--"));
        }
        return new TestCertificates(dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server.key"),
                dir.resolve("other.pem"));
    }

    /**
     * A client certificate for {@code name} and its key, signed by {@link #ca} or, with {@code byOtherCa}, by
     * {@link #otherCa}, which the broker does not trust.
     *
     * @return {certificate, key}, both PEM
     */
    public Path[] client(String name, boolean byOtherCa) throws IOException, InterruptedException {
        String openssl = ExternalTools.requireProgram("openssl", "openssl");
        Path dir = ca.getParent();
        String signer = byOtherCa ? "other" : "ca";
        run(dir, openssl, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + name, "-keyout", name + ".key",
                "-out", name + ".csr");
        run(dir, openssl, "x509", "-req", "-in", name + ".csr", "-CA", (byOtherCa ? otherCa : ca).toString(),
                "-CAkey", signer + ".key", "-CAcreateserial", "-days", "2", "-out", name + ".pem");
        return new Path[] {dir.resolve(name + ".pem"), dir.resolve(name + ".key")};
    }

    /** The Mosquitto listener options that serve this certificate. */
    public List<String> mosquittoListener() {
        return List.of("cafile " + ca, "certfile " + serverCert, "keyfile " + serverKey);
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
