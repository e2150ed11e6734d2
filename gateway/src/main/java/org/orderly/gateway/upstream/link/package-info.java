/**
 * The MQTT v5 connection (Eclipse Paho): transport security, login, the last will, and draining the outbox in order
 * at a bounded rate. Nothing outside this package touches Paho's client.
 */
package org.orderly.gateway.upstream.link;
