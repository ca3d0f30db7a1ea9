package com.modelregistry.common.paging;

import com.modelregistry.common.text.NumberText;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** The kinds of sort key a cursor carries, each written as text and read back only as this service writes it. */
public enum KeyType {
    /** A timestamp, within the years a stored row can have. */
    TIME {
        @Override
        Optional<Object> read(String text) {
            try {
                Instant instant = Instant.parse(text);
                // any other instant would only reach PostgreSQL to be refused there (its timestamps end in 294276)
                return instant.isBefore(FIRST_TIME) || instant.isAfter(LAST_TIME)
                        ? Optional.empty() : Optional.of(instant);
            } catch (DateTimeParseException notAnInstant) {
                return Optional.empty();
            }
        }
    },
    /** A number from 0 to 1 (an accuracy), in JSON's syntax. */
    FRACTION {
        @Override
        Optional<Object> read(String text) {
            OptionalDouble value = NumberText.decimal(text);
            return value.isPresent() && value.getAsDouble() >= 0.0 && value.getAsDouble() <= 1.0
                    ? Optional.of(value.getAsDouble()) : Optional.empty();
        }
    },
    /** A whole number from 1 to 2^31 - 1 (such as a version number), read as the int column it is compared with. */
    POSITIVE_INT {
        @Override
        Optional<Object> read(String text) {
            OptionalLong value = NumberText.whole(text);
            return value.isPresent() && value.getAsLong() >= 1 && value.getAsLong() <= Integer.MAX_VALUE
                    ? Optional.of((int) value.getAsLong()) : Optional.empty();
        }
    },
    /** A text, as stored. */
    TEXT {
        @Override
        Optional<Object> read(String text) {
            return Optional.of(text);
        }
    };

    private static final Instant FIRST_TIME = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST_TIME = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** The key as the query compares it, or empty when this service never wrote such a key. */
    abstract Optional<Object> read(String text);

    /** The key as a cursor stores it (Instant and Double write themselves as read() reads them back). */
    String write(Object key) {
        return key.toString();
    }
}
