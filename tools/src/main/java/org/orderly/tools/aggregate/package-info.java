/**
 * The grid company's side of the upstream contract v1 ({@code docs/aggregate.md}): {@code orderly aggregate}
 * subscribes to every gateway's messages with an MQTT v5 shared subscription, validates each one, de-duplicates by
 * id, tracks gaps in each gateway's seq, and exports the compounds' summed load and flexibility per time bucket.
 *
 * <p>Parsing and bookkeeping ({@link org.orderly.tools.aggregate.MessageValidator},
 * {@link org.orderly.tools.aggregate.SeqTracker}, {@link org.orderly.tools.aggregate.LoadBuckets}) know nothing
 * of MQTT; {@link org.orderly.tools.aggregate.AggregateClient} is the only class that talks to the broker.
 */
package org.orderly.tools.aggregate;
