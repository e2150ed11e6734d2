package org.orderly.bridge.meter;

/** One answer of the meter, as read: total active power in W, import active energy in kWh. */
record MeterReply(double powerW, double importKwh) {
}
