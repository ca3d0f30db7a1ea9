package com.modelregistry.common.text;

import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Numbers read from text (query parameters, cursor keys) in JSON's syntax and nothing else: no sign "+", no blanks,
 * no hexadecimal, no type suffix, no NaN or Infinity. Java's own parsers accept all of those, so that
 * {@code minAccuracy=0x1p-3} or {@code 0.5d} would mean something a client never meant to send.
 */
public final class NumberText {

    private static final Pattern DECIMAL = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?");
    /** 18 digits at most keeps the value within a long, so the pattern alone decides. */
    private static final Pattern WHOLE = Pattern.compile("-?(?:0|[1-9][0-9]{0,17})");

    private NumberText() {
    }

    /** The finite number this text writes as a JSON number, with -0 read as 0. */
    public static OptionalDouble decimal(String text) {
        if (text == null || text.length() > 64 || !DECIMAL.matcher(text).matches()) {
            return OptionalDouble.empty();
        }
        double value = Double.parseDouble(text);
        return Double.isFinite(value) ? OptionalDouble.of(value + 0.0) : OptionalDouble.empty();
    }

    /** The whole number this text writes as a JSON integer, if it has at most 18 digits. */
    public static OptionalLong whole(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(text));
    }
}
