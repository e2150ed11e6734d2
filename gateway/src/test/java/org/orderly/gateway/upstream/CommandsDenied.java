package org.orderly.gateway.upstream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.Mosquitto;

/**
 * A Mosquitto whose dynamic security plugin lets every client do anything but subscribe to one gateway's two command
 * topics, which a v5 SUBACK then refuses with 0x87 (not authorized). Its {@code acl_file} does not check a SUBSCRIBE
 * (Mosquitto 2.0.11 grants it and delivers nothing), so a refusal a client can see needs the plugin.
 */
final class CommandsDenied {
    private CommandsDenied() {
    }

    static Mosquitto start(Path dir, String gatewayId) throws IOException {
        Files.createDirectories(dir);
        Path dynsec = dir.resolve("dynamic-security.json");
        Files.writeString(dynsec, """
                {"defaultACLAccess": {"publishClientSend": true, "publishClientReceive": true, "subscribe": true,
                                      "unsubscribe": true},
                 "clients": [],
                 "groups": [{"groupname": "anonymous", "roles": [{"rolename": "no-commands"}]}],
                 "roles": [{"rolename": "no-commands", "acls": [
                   {"acltype": "subscribeLiteral", "topic": "orderly/v1/GW/cmd/cap", "priority": 0, "allow": false},
                   {"acltype": "subscribeLiteral", "topic": "orderly/v1/GW/cmd/history", "priority": 0,
                    "allow": false}]}],
                 "anonymousGroup": "anonymous"}
                """.replace("GW", gatewayId), StandardCharsets.UTF_8);
        return Mosquitto.start(dir.resolve("broker"), List.of("plugin " + ExternalTools.mosquittoDynamicSecurity(),
                "plugin_opt_config_file " + dynsec));
    }
}
