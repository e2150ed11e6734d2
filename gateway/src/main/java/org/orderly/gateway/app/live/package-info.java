/**
 * The live control cycle, free of I/O so that it is tested like the core: what the meters and
 * piles last reported goes in, amperes per pile come out. Sessions are recognised from pile
 * states; the household load is the transformer meter's total less what the piles draw; a stale or
 * missing transformer reading switches to conservative mode. The thread that runs the cycle every
 * second, and the drivers and store around it, live in {@code app}.
 */
package org.orderly.gateway.app.live;
