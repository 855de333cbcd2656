package io.cairn.s3.auth;

import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of a browser form (POST Object) that came before its file part: S3 ignores the ones after it. Names are
 * case-insensitive, as S3 reads them ({@code Policy}, {@code X-Amz-Signature}); they are kept lower-cased.
 */
public final class PostForm {
    private final Map<String, String> fields;

    private PostForm(Map<String, String> fields) {
        this.fields = fields;
    }

    public static PostForm of(Map<String, String> fields) {
        Map<String, String> lower = new LinkedHashMap<>();
        fields.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        return new PostForm(lower);
    }

    /** The field's value, null if the form has none; {@code name} in any case. */
    public String get(String name) {
        return fields.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * @param shown the name as S3's error spells it
     * @throws S3Exception InvalidArgument naming the field, as S3 words it (a field after the file is missing too)
     */
    public String required(String name, String shown) {
        String value = get(name);
        if (value == null) {
            throw new S3Exception(S3Error.InvalidArgument, "Bucket POST must contain a field named '" + shown
                    + "'.  If it is specified, please check the order of the fields.");
        }
        return value;
    }

    /** Every field, lower-cased names in form order. */
    public Map<String, String> fields() {
        return fields;
    }
}
