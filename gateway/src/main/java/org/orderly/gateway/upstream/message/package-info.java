/** The messages of the contract in docs/upstream.md: the envelope and one record per kind of body. */
package org.orderly.gateway.upstream.message;
