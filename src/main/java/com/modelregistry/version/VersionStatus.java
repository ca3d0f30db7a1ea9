package com.modelregistry.version;

import com.fasterxml.jackson.annotation.JsonValue;
import com.modelregistry.common.http.QueryValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Whether a version may be deployed (ready) or is kept for the record only (archived). */
public enum VersionStatus implements QueryValue {
    READY("ready"),
    ARCHIVED("archived");

    private final String text;

    VersionStatus(String text) {
        this.text = text;
    }

    /** The status as JSON, the ?status= filter and the database write it. */
    @JsonValue
    @Override
    public String parameter() {
        return text;
    }

    /** Stores the status as its text, which the V6 migration's check constraint knows. */
    @Converter(autoApply = true)
    static class Column implements AttributeConverter<VersionStatus, String> {

        @Override
        public String convertToDatabaseColumn(VersionStatus status) {
            return status == null ? null : status.text;
        }

        @Override
        public VersionStatus convertToEntityAttribute(String text) {
            for (VersionStatus status : values()) {
                if (status.text.equals(text)) {
                    return status;
                }
            }
            throw new IllegalStateException("Unknown version status in the database: " + text);
        }
    }
}
