/**
 * Who may use the page: accounts with salted PBKDF2 hashes in a file, the one-time setup link, in-memory sign-ins
 * that lapse, and the two roles. No password or token is ever logged.
 */
package org.orderly.gateway.web.auth;
