package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS rebinding, against a live gateway on 127.0.0.1: a page from rebind.example whose name the attacker then points
 * at the gateway is, to the browser, the same origin as that name, and its requests carry {@code Host:
 * rebind.example}. They are sent here as written on one connection to 127.0.0.1; no name is looked up.
 */
class WebHostsTest {
    private static final String PASSWORD = "correct horse battery";
    @TempDir
    Path dir;
    private WebRig rig;

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    /** The status of a request with this Host header. */
    private int status(String method, String path, String host, String json) throws IOException {
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host
                + "\r\nConnection: close\r\n");
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        if (json != null) {
            request.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket s = new Socket("127.0.0.1", rig.web.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(body);
            s.getOutputStream().flush();
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(reply.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
        }
    }

    private static String login(String password) {
        return "{\"name\":\"li\",\"password\":\"" + password + "\"}";
    }

    @Test
    void withTheNamesListedAPageUnderAnotherNameIsNotAnswered() throws Exception {
        rig = new WebRig(1, dir, List::of, ", hosts: [orderly.lan]");
        String port = ":" + rig.web.port();
        String rebound = "rebind.example" + port;

        assertThat(status("GET", "/api/status", rebound, null)).isEqualTo(421);
        assertThat(status("POST", "/api/setup", rebound, "{\"token\":\"guess\",\"name\":\"mallory\",\"password\":\""
                + PASSWORD + "\"}")).isEqualTo(421);
        assertThat(status("GET", "/", rebound, null)).isEqualTo(421);
        assertThat(new ApiClient(rig.base).setup(rig.setupToken(), "li", PASSWORD).status()).isEqualTo(200);
        for (int i = 0; i < 8; i++) {
            assertThat(status("POST", "/api/login", rebound, login("guess number " + i))).isEqualTo(421);
        }

        for (String host : new String[] {"127.0.0.1" + port, "127.0.0.1", "orderly.lan" + port, "ORDERLY.LAN." + port,
                "localhost" + port, "[::1]" + port}) {
            assertThat(status("GET", "/api/status", host, null)).as(host).isEqualTo(200);
        }
        assertThat(status("POST", "/api/login", "orderly.lan" + port, login(PASSWORD))).as("not held off by the guesses")
                .isEqualTo(200);
    }

    @Test
    void withoutTheListEveryNameIsAnsweredAsBefore() throws Exception {
        rig = new WebRig(1, dir);
        String port = ":" + rig.web.port();

        for (String host : new String[] {"127.0.0.1" + port, "orderly.fritz.box" + port, "rebind.example" + port}) {
            assertThat(status("GET", "/api/status", host, null)).as(host).isEqualTo(200);
            assertThat(status("GET", "/", host, null)).as(host).isEqualTo(200);
        }
    }
}
