package com.modelregistry.mlmodel;

import com.modelregistry.common.problem.Violation;
import com.modelregistry.common.text.TextRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** What a model's tags may be: how many, which keys and values, and how ?tag=key:value is read. */
final class ModelTags {

    static final int MAX_TAGS = 50;
    static final String KEY = "[A-Za-z0-9_.-]{1,64}";
    static final String KEY_MESSAGE = "must be 1 to 64 letters, digits, '_', '.' or '-'";
    static final int MAX_VALUE_LENGTH = 500;
    /** Tags one search may require; each is one more condition on the same index. */
    static final int MAX_FILTERS = 10;

    private static final Pattern KEY_PATTERN = Pattern.compile(KEY);
    private static final Pattern VALUE_PATTERN = Pattern.compile(TextRules.NO_NUL);

    private ModelTags() {
    }

    /**
     * The tags that ?tag=key:value parameters require, each split at its first ':', or the violations (all named
     * {@code tag}) of the ones that cannot be read. One key with two values is refused too: a model holds one value
     * per key, so that search could never find anything, and the client most likely meant something else.
     */
    static Map<String, String> required(List<String> parameters, List<Violation> violations) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (parameters.size() > MAX_FILTERS) {
            violations.add(new Violation("tag", "may be given at most " + MAX_FILTERS + " times"));
            return tags;
        }
        for (String parameter : parameters) {
            int colon = parameter.indexOf(':');
            if (colon < 0) {
                violations.add(new Violation("tag", "must be key:value"));
                continue;
            }
            String key = parameter.substring(0, colon);
            String value = parameter.substring(colon + 1);
            if (!KEY_PATTERN.matcher(key).matches()) {
                violations.add(new Violation("tag", "key " + KEY_MESSAGE));
            } else if (value.length() > MAX_VALUE_LENGTH || !VALUE_PATTERN.matcher(value).matches()) {
                violations.add(new Violation("tag", "value must be at most " + MAX_VALUE_LENGTH
                        + " characters, without NUL"));
            } else if (tags.containsKey(key) && !tags.get(key).equals(value)) {
                violations.add(new Violation("tag", "gives the key " + key + " two values; a model has one"));
            } else {
                tags.put(key, value);
            }
        }
        return violations.isEmpty() ? tags : new LinkedHashMap<>();
    }
}
