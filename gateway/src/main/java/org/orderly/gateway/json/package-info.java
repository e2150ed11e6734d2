/** Reading JSON that comes from outside the gateway: one strict mapper, and what it refused said in one line. */
package org.orderly.gateway.json;
