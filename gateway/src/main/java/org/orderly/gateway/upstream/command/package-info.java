/**
 * Commands from the grid company: grid caps ({@code cmd/cap}) and history requests ({@code cmd/history}), validated
 * in full before anything changes, answered on the MQTT v5 response topic. Accepted caps are persisted.
 */
package org.orderly.gateway.upstream.command;
