package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The page's alarms as its API sends them to a signed-in page, for tests of a live gateway without a browser. */
final class PageAlarms {
    private PageAlarms() {
    }

    /** A client signed in as the first account, made with the rig's setup link. */
    static ApiClient signedIn(WebRig rig) throws Exception {
        ApiClient api = new ApiClient(rig.base);
        assertThat(api.setup(rig.setupToken(), "li", "0123456789ab").status()).isEqualTo(200);
        return api;
    }

    /** The active alarm of this kind on this subject, from the alarms the page is sent. */
    static Optional<JsonNode> active(ApiClient api, String kind, String subject) {
        return alarms(api, kind).stream()
                .filter(a -> a.get("subject").asText().equals(subject) && a.get("clearedAt").isNull())
                .findFirst();
    }

    /** The alarms of this kind the page is sent, active and cleared. */
    static List<JsonNode> alarms(ApiClient api, String kind) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode a : overview(api).get("alarms")) {
            if (a.get("kind").asText().equals(kind)) {
                out.add(a);
            }
        }
        return out;
    }

    static JsonNode overview(ApiClient api) {
        try {
            return api.get("/api/overview").body();
        } catch (Exception e) {
            throw new IllegalStateException("the page's overview could not be read", e);
        }
    }
}
