/**
 * The upstream outbox: every message numbered and stored in SQLite (the store's file, migration 2) before it is
 * published, removed on PUBACK, bounded by age and count. Only queues on the caller's thread.
 */
package org.orderly.gateway.upstream.outbox;
