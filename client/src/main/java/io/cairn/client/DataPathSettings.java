package io.cairn.client;

/**
 * Knobs of the data path.
 *
 * @param uploadWindow   chunks of one upload in flight at once (hashing or being written); bounds upload memory to
 *                       {@code uploadWindow} chunk buffers ({@link ObjectUploader#memory})
 * @param readAhead      chunks of one download in memory at once (fetched ahead, or being sent); bounds download memory
 *                       to {@code readAhead} chunk buffers, fewer where the gateway's transfer memory is smaller
 *                       ({@link ObjectReader#memory})
 * @param writeAttempts  placements tried per chunk before an upload fails (a failed node is excluded each time)
 */
public record DataPathSettings(int uploadWindow, int readAhead, int writeAttempts) {
    public static final DataPathSettings DEFAULT = new DataPathSettings(4, 4, 3);
}
