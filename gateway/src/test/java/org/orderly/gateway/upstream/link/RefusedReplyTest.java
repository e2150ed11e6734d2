package org.orderly.gateway.upstream.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.orderly.gateway.upstream.Topics;
import org.orderly.gateway.web.CapturedLog;

/** What the gateway says of a reply the broker refused: the ACL's advice only for the ACL's code. */
class RefusedReplyTest {
    @Test
    void aReplyRefusedForAnotherReasonThanTheAclIsNotToldToMoveItsTopic() {
        try (CapturedLog log = new CapturedLog()) {
            new RefusedReply("c-1", "orderly/v1/gw-1/replies/grid", new Topics("gw-1"))
                    .acknowledged("reason code 0x97");
            new RefusedReply("c-2", "grid/replies", new Topics("gw-1")).acknowledged("reason code 0x87");

            assertThat(log.lines("WARN", "reply to command c-1 on orderly/v1/gw-1/replies/grid refused by the broker"
                    + " (reason code 0x97), so the grid side does not hear it")).singleElement().asString()
                    .doesNotContain("ACL");
            assertThat(log.lines("WARN", "reply to command c-2 on grid/replies refused by the broker (reason code"
                    + " 0x87), so the grid side does not hear it: the response topic must be under orderly/v1/gw-1/"))
                    .hasSize(1);
        }
    }
}
