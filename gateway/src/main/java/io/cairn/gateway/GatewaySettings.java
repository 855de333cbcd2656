package io.cairn.gateway;

import java.time.Duration;

/**
 * @param defaultChunkSize     chunk size when an upload does not ask for one
 * @param maxFileSize          uploads above this are refused with 413 (before any byte is stored if the length is known)
 * @param maxConcurrentUploads uploads streaming at once; more wait up to {@code uploadQueueTimeout}, then get 503
 */
public record GatewaySettings(int defaultChunkSize, long maxFileSize, int maxConcurrentUploads,
                              Duration uploadQueueTimeout) {
}
