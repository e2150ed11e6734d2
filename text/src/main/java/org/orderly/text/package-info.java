/**
 * Someone else's text said back on one line ({@link org.orderly.text.OneLine}); JSON from outside read strictly, and
 * its refusal in words ({@code json}); why a named file cannot be read ({@link org.orderly.text.Unreadable}), or read as
 * text ({@link org.orderly.text.TextFile}); a
 * current as the local page says it ({@link org.orderly.text.Amps}); a figure as someone wrote it
 * ({@link org.orderly.text.AsWritten}); a count with its noun's form ({@link org.orderly.text.Count}); whether every
 * local user can read a file holding a secret ({@link org.orderly.text.SecretFileMode}). Shared by the
 * gateway, the firmware-bridge and the orderly command.
 */
package org.orderly.text;
