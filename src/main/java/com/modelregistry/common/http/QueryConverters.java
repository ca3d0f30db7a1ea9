package com.modelregistry.common.http;

import com.modelregistry.common.text.NumberText;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads typed query parameters: whole numbers and numbers in JSON's syntax only ({@link NumberText}), and the
 * {@link QueryValue} enums by their texts. A value that does not convert is noted in {@link QueryFailures} and read
 * as absent; {@link CheckedQuery} then answers 400 naming the parameter, where JAX-RS would answer 404. Converters
 * are made once per declared parameter, at start-up, never per request.
 */
@Provider
public class QueryConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = queryParameterName(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == Integer.class) {
            return (ParamConverter<T>) new Lenient<>(name, "must be a whole number", text -> {
                OptionalLong value = NumberText.whole(text);
                return value.isPresent() && value.getAsLong() == (int) value.getAsLong() ? (int) value.getAsLong() : null;
            });
        }
        if (rawType == Long.class) {
            return (ParamConverter<T>) new Lenient<>(name, "must be a whole number", text -> {
                OptionalLong value = NumberText.whole(text);
                return value.isPresent() ? value.getAsLong() : null;
            });
        }
        if (rawType == Double.class) {
            return (ParamConverter<T>) new Lenient<>(name, "must be a number", text -> {
                OptionalDouble value = NumberText.decimal(text);
                return value.isPresent() ? value.getAsDouble() : null;
            });
        }
        if (rawType.isEnum() && QueryValue.class.isAssignableFrom(rawType)) {
            return (ParamConverter<T>) enumConverter(name, (Class) rawType);
        }
        return null;
    }

    private static <E extends Enum<E> & QueryValue> ParamConverter<E> enumConverter(String name, Class<E> type) {
        E[] constants = type.getEnumConstants();
        Map<String, E> byText = new HashMap<>();
        for (E constant : constants) {
            byText.put(constant.parameter(), constant);
        }
        String allowed = Arrays.stream(constants).map(QueryValue::parameter).collect(Collectors.joining(", "));
        return new Lenient<>(name, "must be one of " + allowed, byText::get);
    }

    private static String queryParameterName(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            }
        }
        return null;
    }

    /** Converts with the given function; where it gives null, notes the failure and reads the value as absent. */
    private record Lenient<T>(String name, String message, Function<String, T> parse) implements ParamConverter<T> {

        @Override
        public T fromString(String text) {
            T value = text == null ? null : parse.apply(text);
            if (text != null && value == null) {
                QueryFailures.add(name, message);
            }
            return value;
        }

        @Override
        public String toString(T value) {
            return value instanceof QueryValue named ? named.parameter() : String.valueOf(value);
        }
    }
}
