package com.modelregistry.mlmodel;

import com.modelregistry.common.text.TextRules;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of PUT /models/{id}/tags/{key}: the value the tag gets. */
public record TagValue(
        @NotNull @Size(max = ModelTags.MAX_VALUE_LENGTH)
        @Pattern(regexp = TextRules.NO_NUL, message = TextRules.NO_NUL_MESSAGE) String value) {
}
