package org.orderly.gateway.web;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTest {
    @TempDir
    Path dir;

    @Test
    void show() throws Exception {
        try (WebRig rig = new WebRig(3, dir)) {
            String url = rig.web.setupUrl();
            ApiClient c = new ApiClient(rig.base);
            c.setup(url.substring(url.indexOf("#setup=") + 7), "li", "0123456789ab");
            for (int i = 0; i < 12; i++) {
                Thread.sleep(1500);
                var o = c.get("/api/overview").body();
                System.out.println("OVR " + o.get("mode") + " tr=" + o.get("transformerKw") + " planAt=" + o.get("planAt"));
                for (var p : o.get("piles")) {
                    System.out.println("  " + p);
                }
            }
            System.out.println("CHART " + c.get("/api/chart").body().toString().substring(0, 1500));
        }
    }
}
