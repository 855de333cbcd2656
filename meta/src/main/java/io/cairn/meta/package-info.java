/**
 * The cluster's metadata as a replicated state machine: every change is a {@link io.cairn.meta.MetaCommand} that the
 * single-threaded {@link io.cairn.meta.MetaStateMachine} applies deterministically to a RocksDB store
 * ({@link io.cairn.meta.RocksMetaStore}, key layout in {@link io.cairn.meta.Keys}, value format in
 * {@link io.cairn.meta.RecordCodec}). The replicated (Raft) log orders the commands and is their durable record; its
 * apply thread feeds them, encoded by {@link io.cairn.meta.CommandCodec}, through
 * {@link io.cairn.meta.MetaDatabase#apply}. {@link io.cairn.meta.MetaReader} answers queries from the last published
 * snapshot. {@link io.cairn.meta.MetaDatabase} wires these together for one directory.
 */
package io.cairn.meta;
