package io.cairn.core.model;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.util.Locale;

/**
 * How many copies of each chunk must be durable before a write is acknowledged. The rest are written meanwhile and
 * recorded when they land; a chunk short of copies is repaired like any other.
 */
public enum Consistency {
    /** Every copy durable before the acknowledgement: an acknowledged write survives the loss of any R−1 nodes. */
    STRONG,
    /**
     * A majority of the copies durable (⌊R/2⌋+1): the acknowledgement does not wait for the slowest nodes; until the
     * rest land or are repaired, the write survives the loss of ⌊R/2⌋ nodes rather than R−1.
     */
    QUORUM,
    /** One durable copy: the fastest acknowledgement; until the others land, losing that one node loses the write. */
    ONE;

    /** Copies that must be durable before a write of {@code replication} copies is acknowledged. */
    public int required(int replication) {
        return switch (this) {
            case STRONG -> replication;
            case QUORUM -> replication / 2 + 1;
            case ONE -> 1;
        };
    }

    /** @throws CairnException INVALID_ARGUMENT naming the accepted values */
    public static Consistency parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CairnException(ErrorCode.INVALID_ARGUMENT, "consistency must be strong, quorum or one, got '"
                    + value + "'");
        }
    }
}
