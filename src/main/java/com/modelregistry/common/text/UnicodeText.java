package com.modelregistry.common.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;

/**
 * JSON may spell a lone UTF-16 surrogate ({@code "\ud800"}), but such a string is not Unicode text: PostgreSQL's
 * client would store it as "?" or send bytes the server refuses. Every JSON string is checked here, once, so such
 * input is a 400 naming the field instead of a silently changed value or a 500. It covers every String a request
 * shape declares (record components, setters, lists of strings); map keys, {@code JsonNode} and untyped values would
 * bypass it, and no request shape uses them.
 */
public final class UnicodeText {

    public static final String MESSAGE = "must be valid Unicode text (it has an unpaired UTF-16 surrogate)";

    private UnicodeText() {
    }

    /** Whether every surrogate in the text is half of a high-low pair. */
    public static boolean isWellFormed(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Jackson's own String deserializer, followed by the check above. */
    public static final class Deserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value != null && !isWellFormed(value)) {
                throw new NotUnicode(parser);
            }
            return value;
        }
    }

    /** A JSON string that is not Unicode text; the value itself stays out of it, as it may be a password. */
    public static final class NotUnicode extends InvalidFormatException {

        NotUnicode(JsonParser parser) {
            super(parser, MESSAGE, null, String.class);
        }
    }
}
