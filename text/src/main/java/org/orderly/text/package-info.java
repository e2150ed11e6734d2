/**
 * Someone else's text said back on one line ({@link org.orderly.text.OneLine}); JSON from outside read strictly, and
 * its refusal in words ({@code json}); why a named file cannot be read ({@link org.orderly.text.Unreadable}); a current as the local page says it ({@link org.orderly.text.Amps}). Shared by
 * the gateway, the firmware-bridge and the orderly command.
 */
package org.orderly.text;
