/**
 * The S3-compatible API, an adapter over the object service the REST API uses. {@link io.cairn.s3.S3Handler} takes a
 * request through four steps: {@code router} parses it into a closed {@code S3Operation}, {@code auth} verifies its
 * Signature V4 and wraps its body so every declared check runs as it is read, {@link io.cairn.s3.S3Service} dispatches
 * it to the operation's handler ({@code BucketOps}, {@code ObjectOps}, {@code ListOps}, {@code MultipartOps}, …), and
 * failures become S3's XML errors ({@code S3Errors} maps the object service's codes in one place). {@code xml} writes
 * and safely reads S3's XML. The public surface is the handler, the service and {@link io.cairn.s3.S3Settings}.
 */
package io.cairn.s3;
