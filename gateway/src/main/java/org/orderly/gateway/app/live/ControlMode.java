package org.orderly.gateway.app.live;

/** How the cycle decided: normally, or conservatively because the transformer reading is stale. */
public enum ControlMode {
    NORMAL, CONSERVATIVE
}
