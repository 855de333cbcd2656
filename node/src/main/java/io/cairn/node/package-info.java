/**
 * A storage node: the chunk HTTP API over a {@link io.cairn.chunk.RoutedChunkStore}, plus registration and heartbeats
 * to every controller and a scrubber.
 *
 * <p>{@link io.cairn.node.StorageNode} is the composition root of one node (everything it needs is passed in, so
 * several nodes run in one JVM); {@link io.cairn.node.ChunkRoutes} is the HTTP surface;
 * {@link io.cairn.node.ChunkReplicator} its node-to-node copies; {@link io.cairn.node.HeartbeatWorker} the background
 * loop towards one controller (a node runs one per controller); {@link io.cairn.node.Scrubber} the background re-hash
 * of every chunk that quarantines and reports corrupt ones;
 * {@link io.cairn.node.NodeIdentity} the node's durable id and cluster id in {@code node.json}, which keeps a data
 * directory from silently joining another cluster, and {@link io.cairn.node.SharedIdentity} the one place a running
 * node changes it. The process entry point ({@code main}, flags) lives in the app module.
 */
package io.cairn.node;
