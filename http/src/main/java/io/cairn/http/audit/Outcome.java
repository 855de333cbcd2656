package io.cairn.http.audit;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a request ended, as the audit log and its metric name it. */
public enum Outcome {
    OK, DENIED, ERROR;

    /** Refused for its credential (401) or its rights (403) is denied; any other status from 400 up an error. */
    public static Outcome of(int status) {
        if (status == 401 || status == 403) {
            return DENIED;
        }
        return status >= 400 ? ERROR : OK;
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
