package io.cairn.s3.auth;

import io.cairn.s3.S3Exception;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Function;

/** The {@code AKID/YYYYMMDD/REGION/SERVICE/aws4_request} a signature names, checked against the request's time. */
record CredentialScope(String accessKeyId, String date, String region, String service) {
    static final String SERVICE = "s3";
    static final String TERMINAL = "aws4_request";

    /**
     * @param malformed turns a detail into the error of the place the credential came from: S3 words the same
     *                  problem differently for the Authorization header and for a presigned URL
     */
    static CredentialScope parse(String credential, Instant requestTime, Function<String, S3Exception> malformed) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5 || Arrays.stream(parts).anyMatch(String::isBlank)) {
            throw malformed.apply("the Credential is mal-formed; expecting "
                    + "\"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        }
        if (!parts[1].equals(AmzDate.day(requestTime))) {
            throw malformed.apply("Invalid credential date. Date is not the same as X-Amz-Date.");
        }
        if (!parts[3].equals(SERVICE)) {
            throw malformed.apply("incorrect service \"" + parts[3] + "\". This endpoint belongs to \"" + SERVICE + "\".");
        }
        if (!parts[4].equals(TERMINAL)) {
            throw malformed.apply("incorrect terminal \"" + parts[4] + "\". This endpoint uses \"" + TERMINAL + "\".");
        }
        return new CredentialScope(parts[0], parts[1], parts[2], parts[3]);
    }

    /** The scope line of a string to sign. */
    String scope() {
        return String.join("/", date, region, service, TERMINAL);
    }
}
