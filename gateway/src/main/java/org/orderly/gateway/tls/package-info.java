/** PEM certificates and keys, as installers make them with openssl or get them from a CA. */
package org.orderly.gateway.tls;
