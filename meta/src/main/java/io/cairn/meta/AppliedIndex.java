package io.cairn.meta;

/**
 * The position in the replicated log of the last command a store holds: the Raft term and index of its entry. Stored
 * with every command's effects, in the same atomic write, so the store always knows exactly which entries it holds.
 *
 * <p>Stores written before terms were recorded hold a bare index; it reads as term 0.
 */
public record AppliedIndex(long term, long index) {
    /** A store that holds no command yet. */
    public static final AppliedIndex NONE = new AppliedIndex(0, 0);
}
