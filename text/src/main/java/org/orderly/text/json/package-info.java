/**
 * Reading JSON that comes from outside a program (and CBOR, its binary form): one strict mapper, and what it refused
 * said in one line.
 */
package org.orderly.text.json;
