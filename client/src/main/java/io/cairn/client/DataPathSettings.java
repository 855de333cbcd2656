package io.cairn.client;

/**
 * Knobs of the data path.
 *
 * @param uploadWindow   chunks of one upload in flight at once (hashing or being written); bounds upload memory to
 *                       about {@code uploadWindow + 1} chunks
 * @param readAhead      chunks of one download fetched ahead of the one being sent; bounds download memory likewise
 * @param writeAttempts  placements tried per chunk before an upload fails (a failed node is excluded each time)
 */
public record DataPathSettings(int uploadWindow, int readAhead, int writeAttempts) {
    public static final DataPathSettings DEFAULT = new DataPathSettings(4, 4, 3);
}
